using Rtsp.Protocol.H26x;

namespace Rtsp.Protocol.Tests.H26x;

public class H26xParameterTests
{
    [Test]
    public void Nal_unit_headers_of_both_codecs()
    {
        var h264 = NalUnitHeader.Parse(H26xCodec.H264, [0x65]);
        var h265 = NalUnitHeader.Parse(H26xCodec.H265, [0x40, 0x01]);
        var broken = NalUnitHeader.Parse(H26xCodec.H265, [0xA7, 0x0B]);

        h264.Should().Be(new NalUnitHeader(H26xCodec.H264, false, 5, 3, 0, 0));
        h264.TypeName.Should().Be("IDR slice (5)");
        h265.Type.Should().Be(32);
        h265.TemporalIdPlusOne.Should().Be(1);
        broken.ForbiddenBit.Should().BeTrue();
        broken.Type.Should().Be(19);
        broken.LayerId.Should().Be(33);
        broken.TemporalIdPlusOne.Should().Be(3);
        FluentActions.Invoking(() => NalUnitHeader.Parse(H26xCodec.H265, [0x40])).Should().Throw<H26xFormatException>()
            .Which.Reason.Should().Be(H26xRejectReason.TooShort);
    }

    [TestCase(H26xCodec.H264)]
    [TestCase(H26xCodec.H265)]
    public void Sps_of_the_clips_gives_160x120(H26xCodec codec)
    {
        var sps = H26xClips.NalUnits(H26xClips.Bytes(codec)).First(n => NalUnitTypes.IsSps(codec, NalUnitHeader.Parse(codec, n).Type));

        var parsed = SequenceParameterSet.Parse(codec, sps);

        parsed.Width.Should().Be(160);
        parsed.Height.Should().Be(120, "H.264 codes 128 lines and crops 8");
        parsed.Id.Should().Be(0);
        ParameterSetKey.TryRead(codec, sps, out var key).Should().BeTrue();
        key.Should().Be(new ParameterSetKey(codec, NalUnitHeader.Parse(codec, sps).Type, 0));
    }

    [Test]
    public void H264_sprop_parameter_sets_and_modes()
    {
        var clip = H26xClips.NalUnits(H26xClips.Bytes(H26xCodec.H264));
        var sps = clip.First(n => (n[0] & 0x1F) == 7);
        var pps = clip.First(n => (n[0] & 0x1F) == 8);
        string fmtp = $"packetization-mode=1; profile-level-id=64000c; sprop-parameter-sets={Convert.ToBase64String(sps)},{Convert.ToBase64String(pps)}";

        var parameters = H26xFormatParameters.Parse(H26xCodec.H264, fmtp);

        parameters.PacketizationMode.Should().Be(1);
        parameters.ProfileLevelId.Should().Be("64000c");
        parameters.ParameterSets.Should().HaveCount(2);
        parameters.ParameterSets[0].Should().Equal(sps);
        parameters.ParameterSets[1].Should().Equal(pps);
        H26xFormatParameters.Parse(H26xCodec.H264, null).PacketizationMode.Should().Be(0, "absent means single NAL unit mode");
    }

    [Test]
    public void H265_sprop_vps_sps_pps_in_that_order()
    {
        var clip = H26xClips.NalUnits(H26xClips.Bytes(H26xCodec.H265));
        byte[] Of(int type) => clip.First(n => ((n[0] >> 1) & 0x3F) == type);
        string fmtp = $"sprop-pps={Convert.ToBase64String(Of(34))};sprop-sps={Convert.ToBase64String(Of(33))};sprop-vps={Convert.ToBase64String(Of(32))}";

        var parameters = H26xFormatParameters.Parse(H26xCodec.H265, fmtp);

        parameters.ParameterSets.Select(p => (p[0] >> 1) & 0x3F).Should().Equal(32, 33, 34);
        parameters.SpropMaxDonDiff.Should().Be(0);
    }

    [TestCase("sprop-parameter-sets=Z0IA!!,aM48gA==")]
    [TestCase("sprop-parameter-sets=Zw==")]
    [TestCase("packetization-mode=one")]
    public void Malformed_parameters_are_rejected(string fmtp)
    {
        H26xFormatParameters.TryParse(H26xCodec.H264, fmtp, out _, out string? error).Should().BeFalse();
        error.Should().StartWith(nameof(H26xRejectReason.MalformedParameter));
    }

    [Test]
    public void Random_parameter_sets_never_throw_anything_but_the_format_exception()
    {
        var random = new Random(11);
        for (int i = 0; i < 50_000; i++)
        {
            var codec = i % 2 == 0 ? H26xCodec.H264 : H26xCodec.H265;
            var nal = new byte[random.Next(1, 40)];
            random.NextBytes(nal);
            nal[0] = codec == H26xCodec.H264 ? (byte)0x67 : (byte)0x42;
            try
            {
                SequenceParameterSet.Parse(codec, nal);
            }
            catch (H26xFormatException)
            {
                // the one allowed failure
            }

            ParameterSetKey.TryRead(codec, nal, out _);
        }
    }
}
