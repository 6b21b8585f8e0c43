namespace Rtsp.Soak.Load;

/// <summary>What cycle number N does: UDP on even numbers, TCP interleaved on odd ones; cycles 4 and 13 of every
/// 20 (one UDP, one TCP: 10 %) vanish after the first media packet without a TEARDOWN. Fixed by the number, so a
/// run is repeatable and both transports vanish equally often.</summary>
public readonly record struct CyclePlan(bool Udp, bool Vanish)
{
    public static CyclePlan For(long cycle) => new(cycle % 2 == 0, (cycle % 20) is 4 or 13);
}
