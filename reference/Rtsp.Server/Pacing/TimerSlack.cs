using System.Runtime.InteropServices;

namespace Rtsp.Server.Pacing;

/// <summary>
/// Linux adds up to 50 us of "timer slack" to every sleep of a normal thread; prctl(PR_SET_TIMERSLACK, 1)
/// cuts it to 1 ns for the calling thread (measured in STACK.md: it is part of getting p99 below 70 us).
/// </summary>
internal static partial class TimerSlack
{
    private const int PrSetTimerSlack = 29;

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    /// <summary>Sets the calling thread's timer slack to 1 ns; false where prctl is unavailable (not Linux).</summary>
    public static bool MinimiseForCurrentThread()
    {
        if (!OperatingSystem.IsLinux())
            return false;
        try
        {
            return Prctl(PrSetTimerSlack, 1, 0, 0, 0) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }
}
