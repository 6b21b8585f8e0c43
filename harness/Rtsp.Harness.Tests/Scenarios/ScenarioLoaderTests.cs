using FluentAssertions;
using Rtsp.Harness.Runner;
using Rtsp.Harness.Scenarios;
using Rtsp.Harness.Scenarios.Steps;

namespace Rtsp.Harness.Tests.Scenarios;

/// <summary>The YAML schema of scenarios/README.md: what loads, and the file:line error for what does not.</summary>
public sealed class ScenarioLoaderTests
{
    private static readonly ScenarioLoader Loader = new(HarnessRun.Catalogue.Select(c => c.Id).ToHashSet());

    private static Scenario Load(string yaml) => Loader.Load(yaml, "test.yaml");

    private static ScenarioLoadException LoadFails(string yaml)
    {
        var act = () => Load(yaml);
        return act.Should().Throw<ScenarioLoadException>().Which;
    }

    [Test]
    public void A_full_scenario_loads_every_step_kind_with_its_fields()
    {
        var scenario = Load("""
            name: every-step
            description: one of each
            transports: [tcp]
            server_args: [--session-timeout, "3"]
            tags: [demo]
            steps:
              - options:
                  expect: { status: 200, headers: { Public: { contains: PLAY } } }
              - describe:
                  url: "{base}other"
                  auth: { user: u, password: p }
                  expect: { status: [200, 4xx], sdp_parses: true, body_regex: ['^v=0'] }
              - setup: { track: 0, interleaved: 4-5, session: b }
              - play: { range: npt=3-, optional: true }
              - expect_rtp: { window: 2s, frames_at_least: 40, frames_at_most: 60, continuity: true }
              - pause:
              - expect_rtp: { window: 1s, silence: true, grace: 250ms, check: rtsp.pause.silence }
              - get_parameter: { body: "sessions\r\n" }
              - set_parameter: { body: "x: 1\r\n", content_type: text/parameters }
              - request: { method: FOO, omit: [CSeq], headers: { X-Test: "1" } }
              - raw: { chunks: ["OPT", "IONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n"], delay: 50ms, responses: 1, expect: { status: 200 } }
              - wait: 1500ms
              - expect: { status: 200, headers: { CSeq: present, Session: absent } }
              - repeat:
                  times: 3
                  steps:
                    - get_parameter:
              - disconnect: { session: b }
              - teardown:
            """);

        scenario.Name.Should().Be("every-step");
        scenario.Transports.Should().Equal("tcp");
        scenario.ServerArguments.Should().Equal("--session-timeout", "3");
        scenario.Steps.Should().HaveCount(16);
        var describe = scenario.Steps[1].Should().BeOfType<RequestStep>().Which;
        describe.Auth.Should().Be(new StepAuth(AuthSource.Given, new Credentials("u", "p")));
        describe.Expect!.Statuses.Should().Equal(new StatusRange(200, 200), new StatusRange(400, 499));
        var setup = scenario.Steps[2].Should().BeOfType<SetupStep>().Which;
        (setup.Interleaved, setup.Session, setup.Line).Should().Be(("4-5", "b", 13));
        scenario.Steps[3].Should().BeOfType<PlayStep>().Which.Range.Should().Be("npt=3-");
        var silence = scenario.Steps[6].Should().BeOfType<ExpectRtpStep>().Which;
        (silence.Silence, silence.Grace, silence.CheckId).Should().Be((true, TimeSpan.FromMilliseconds(250), "rtsp.pause.silence"));
        scenario.Steps[9].Should().BeOfType<RequestStep>().Which.Omit.Should().Equal("CSeq");
        scenario.Steps[10].Should().BeOfType<RawStep>().Which.Chunks.Should().Equal("OPT", "IONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n");
        scenario.Steps[11].Should().BeOfType<WaitStep>().Which.Duration.Should().Be(TimeSpan.FromMilliseconds(1500));
        scenario.Steps[13].Should().BeOfType<RepeatStep>().Which.Times.Should().Be(3);
    }

    [Test]
    public void Defaults_are_both_transports_the_main_session_and_the_scenario_expect_check()
    {
        var scenario = Load("name: d\ndescription: x\nsteps:\n  - options:\n      expect: { status: 200 }\n");
        scenario.Transports.Should().Equal("udp", "tcp");
        var step = scenario.Steps[0].Should().BeAssignableTo<RequestStep>().Which;
        step.Session.Should().Be(ScenarioStep.DefaultSession);
        step.Expect!.CheckId.Should().Be(Expectation.DefaultCheckId);
    }

    [TestCase("name: x\ndescription: y\nsteps:\n  - options:\n      expct: { status: 200 }\n", 5, "unknown key 'expct'")]
    [TestCase("name: x\ndescription: y\nsteps:\n  - optoins:\n", 4, "unknown step 'optoins'")]
    [TestCase("name: x\ndescription: y\nsteps:\n  - options:\n      expect: { status: 2000 }\n", 5, "status '2000'")]
    [TestCase("name: x\ndescription: y\nsteps:\n  - options:\n      expect: { check: rtsp.no.such.check }\n", 5, "unknown check id 'rtsp.no.such.check'")]
    [TestCase("name: x\ndescription: y\nsteps:\n  - options:\n      expect: { body_regex: ['(unclosed'] }\n", 5, "not a valid regular expression")]
    [TestCase("name: x\ndescription: y\nsteps:\n  - expect_rtp: { window: 1s, silence: true, frames_at_least: 3 }\n", 4, "cannot ask for silence and for frames")]
    [TestCase("name: x\ndescription: y\nsteps:\n  - expect_rtp: { window: 1s, silence: true, grace: 2s }\n", 4, "'grace' must be shorter")]
    [TestCase("name: x\ndescription: y\nsteps:\n  - expect_rtp: { frames_at_least: 3 }\n", 4, "needs 'window'")]
    [TestCase("name: x\ndescription: y\nsteps:\n  - setup: { interleaved: zero }\n", 4, "interleaved 'zero'")]
    [TestCase("name: x\ndescription: y\nsteps:\n  - setup: { transport: sctp }\n", 4, "transport 'sctp'")]
    [TestCase("name: x\ndescription: y\nsteps:\n  - wait: soon\n", 4, "soon")]
    [TestCase("name: x\ndescription: y\nsteps:\n  - describe: { auth: { user: u } }\n", 4, "auth needs 'user' and 'password'")]
    [TestCase("name: x\ndescription: y\nsteps:\n  - describe: { auth: maybe }\n", 4, "auth 'maybe' must be run, wrong, none")]
    [TestCase("name: x\ndescription: y\nsteps:\n  - expect_rtp: { window: 1s, frames_at_least: lots }\n", 4, "'lots' is not a frame count")]
    [TestCase("name: x\ndescription: y\nsteps:\n  - expect_rtp: { window: 1s, frames_at_least: 80% of soon }\n", 4, "'soon' in '80% of soon' is not a positive duration")]
    [TestCase("name: x\ndescription: y\nsteps:\n  - expect_rtp: { window: 1s, frames_at_most: 5000% }\n", 4, "beyond any sensible bound")]
    [TestCase("name: x\ndescription: y\nsteps:\n  - play: { range: npt=end-two- }\n", 4, "mentions end or % but is not npt=POS-[POS]")]
    [TestCase("name: x\ndescription: y\nmin_duration: forever\nsteps:\n  - options:\n", 3, "min_duration must be a duration")]
    [TestCase("name: x\ndescription: y\nsteps:\n  - request: { method: \"BAD METHOD\" }\n", 4, "must be a token")]
    [TestCase("name: x\ndescription: y\nsteps:\n  - raw: { responses: 1 }\n", 4, "raw needs 'send'")]
    [TestCase("name: x\ndescription: y\nsteps:\n  - repeat: { times: 2 }\n", 4, "repeat needs 'times' and 'steps'")]
    [TestCase("name: x\ndescription: y\ntransports: [udp, quic]\nsteps:\n  - options:\n", 3, "transport 'quic'")]
    [TestCase("name: x\ndescription: y\nrequires: [seekable-ish]\nsteps:\n  - options:\n", 3, "requires 'seekable-ish' is not one of stored-media, live-media")]
    [TestCase("name: x\ndescription: y\nrequires: [stored-media, live-media]\nsteps:\n  - options:\n", 3, "cannot name both")]
    [TestCase("name: Bad Name\ndescription: y\nsteps:\n  - options:\n", 1, "lower-case letters")]
    [TestCase("name: x\nsteps:\n  - options:\n", 1, "needs 'description'")]
    [TestCase("name: x\ndescription: y\nsteps: []\n", 3, "'steps' is empty")]
    [TestCase("name: x\ndescription: y\nsteps:\n  - options:\n    describe:\n", 4, "one key naming its kind")]
    [TestCase("name: x\ndescription: [unclosed\n", 3, "not valid YAML")] // YamlDotNet reports where it noticed: the end of the file
    public void A_broken_file_names_the_line_and_the_problem(string yaml, int line, string problem)
    {
        var error = LoadFails(yaml);
        error.File.Should().Be("test.yaml");
        error.Line.Should().Be(line);
        error.Problem.Should().Contain(problem);
        error.Message.Should().StartWith($"test.yaml:{line}: ");
    }

    [Test]
    public void Requires_lists_what_the_presentation_must_be_and_defaults_to_nothing()
    {
        Load("name: x\ndescription: y\nrequires: [live-media]\nsteps:\n  - options:\n").Requires.Should().Equal(MediaRequirement.LiveMedia);
        Load("name: x\ndescription: y\nsteps:\n  - options:\n").Requires.Should().BeEmpty();
    }

    [Test]
    public void Relative_frame_counts_ranges_auth_sources_and_min_duration_load()
    {
        var scenario = Load("""
            name: relative
            description: everything relative to the target
            min_duration: 4s
            steps:
              - describe: { auth: none }
              - setup: { auth: run }
              - play: { range: npt=end-2s-, auth: wrong, expect: { headers: { Range: { regex: '^npt={npt_start}-{npt_end}' } } } }
              - expect_rtp: { window: 3s, frames_at_least: 80% of 2s, frames_at_most: 112% of 2s }
              - expect_rtp: { window: 1s, frames_at_least: 70% }
            """);

        scenario.MinDuration.Should().Be(TimeSpan.FromSeconds(4));
        scenario.Steps[0].Should().BeOfType<RequestStep>().Which.Auth.Should().Be(StepAuth.None);
        scenario.Steps[1].Should().BeOfType<SetupStep>().Which.Auth!.Source.Should().Be(AuthSource.Run);
        var play = scenario.Steps[2].Should().BeOfType<PlayStep>().Which;
        play.Range.Should().Be("npt=end-2s-");
        play.Auth!.Source.Should().Be(AuthSource.WrongPassword);
        var seek = scenario.Steps[3].Should().BeOfType<ExpectRtpStep>().Which;
        seek.FramesAtLeast.Should().Be(new FrameCount(null, 80, TimeSpan.FromSeconds(2)));
        seek.FramesAtMost.Should().Be(new FrameCount(null, 112, TimeSpan.FromSeconds(2)));
        scenario.Steps[4].Should().BeOfType<ExpectRtpStep>().Which.FramesAtLeast.Should().Be(new FrameCount(null, 70, null));
    }

    [Test]
    public void Duplicate_scenario_names_in_a_directory_are_refused_naming_both_files()
    {
        var folder = Directory.CreateTempSubdirectory("scenarios-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.yaml"), "name: same\ndescription: a\nsteps:\n  - options:\n");
            File.WriteAllText(Path.Combine(folder, "b.yaml"), "name: same\ndescription: b\nsteps:\n  - options:\n");
            var act = () => Loader.LoadDirectory(folder);
            act.Should().Throw<ScenarioLoadException>().WithMessage("*b.yaml:1: scenario name 'same' is already used by *a.yaml");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
