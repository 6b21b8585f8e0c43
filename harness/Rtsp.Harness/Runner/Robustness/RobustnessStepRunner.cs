using Rtsp.Harness.Analysis.Robustness;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Scenarios.Steps;

namespace Rtsp.Harness.Runner.Robustness;

/// <summary>Runs one robustness step: its finding (and, after hostile input, robust.alive) goes to the context's results.</summary>
public static class RobustnessStepRunner
{
    public static void Execute(RobustnessContext context, RobustnessStep step)
    {
        try
        {
            Run(context, step);
        }
        catch (TargetUnreachableException e)
        {
            // A target that stops accepting connections mid-scenario (crashed, or locked up by an earlier step) is the
            // finding itself, not a harness error; nothing later in the scenario can run.
            context.Results.Add(new CheckResult(RobustnessChecks.Alive, Verdict.Fail, $"{step.Describe()}: {e.Message}"));
            throw new ScenarioStoppedException($"{step.Describe()}: the target no longer accepts connections ({e.Message})", notSupported: false);
        }
    }

    private static void Run(RobustnessContext context, RobustnessStep step)
    {
        switch (step)
        {
            case MalformedStep malformed:
                context.Results.Add(RefusalProbe.Judge(context, context.Check(malformed.CheckId), malformed.Label,
                    WireText.Bytes(context.Fill(malformed.Send)), malformed.Accept, malformed.Within));
                context.Results.Add(RefusalProbe.Alive(context, step.Describe()));
                break;
            case OversizeStep oversize:
                var bytes = OversizeRequest.Build(oversize, context.Target.Url.ToString(), context.Target.BaseUrl, context.Fill("{cseq}"));
                context.Results.Add(RefusalProbe.Judge(context, context.Check(oversize.CheckId), OversizeRequest.Label(oversize), bytes, [], oversize.Within));
                context.Results.Add(RefusalProbe.Alive(context, step.Describe()));
                break;
            case SplitStep split:
                context.Results.Add(SplitSender.Split(context, split));
                break;
            case ByteWiseStep byteWise:
                context.Results.Add(SplitSender.ByteWise(context, byteWise));
                break;
            case PipelineStep pipeline:
                context.Results.Add(PipelineSender.Run(context, pipeline));
                break;
            case SlowlorisStep slowloris:
                context.Results.Add(SlowlorisAttack.Run(context, slowloris));
                context.Results.Add(RefusalProbe.Alive(context, step.Describe()));
                break;
            case SessionFloodStep flood:
                context.Results.AddRange(SessionFlood.Run(context, flood));
                context.Results.Add(RefusalProbe.Alive(context, step.Describe()));
                break;
            case TakeoverStep takeover:
                context.Results.Add(SessionTakeover.Run(context, takeover));
                break;
            case ReflectionStep reflection:
                context.Results.Add(ReflectionAttempt.Run(context, reflection));
                break;
            default:
                throw new InvalidOperationException($"no executor for {step.GetType().Name}");
        }
    }
}
