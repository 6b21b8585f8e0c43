namespace Rtsp.Protocol.H26x;

/// <summary>One rule a packet broke: the reason and a sentence naming the bytes involved.</summary>
public readonly record struct H26xProblem(H26xRejectReason Reason, string Detail)
{
    public override string ToString() => $"{Reason}: {Detail}";
}
