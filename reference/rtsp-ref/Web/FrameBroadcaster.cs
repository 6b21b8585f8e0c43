using System.Threading.Channels;

namespace Rtsp.Ref.Web;

/// <summary>
/// Hands the newest JPEG to every open <c>/stream.mjpeg</c> response. Each viewer has a one-frame mailbox that
/// keeps only the newest frame: a slow browser skips frames instead of building a backlog (a video player shows
/// now, not a queue). Counts viewers so the player can tell when the last page went away.
/// </summary>
public sealed class FrameBroadcaster
{
    private readonly Lock _gate = new();
    private readonly List<Channel<byte[]>> _viewers = [];
    private byte[]? _latest;

    /// <summary>Raised with the number of viewers left whenever one disconnects.</summary>
    public event Action<int>? ViewerLeft;

    public int Viewers
    {
        get
        {
            lock (_gate)
            {
                return _viewers.Count;
            }
        }
    }

    public void Publish(byte[] jpeg)
    {
        lock (_gate)
        {
            _latest = jpeg;
            foreach (var viewer in _viewers)
            {
                viewer.Writer.TryWrite(jpeg);
            }
        }
    }

    /// <summary>A new viewer's mailbox, primed with the newest frame so a paused stream still shows a picture.</summary>
    public Channel<byte[]> Subscribe()
    {
        var channel = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            if (_latest is not null)
            {
                channel.Writer.TryWrite(_latest);
            }

            _viewers.Add(channel);
        }

        return channel;
    }

    public void Unsubscribe(Channel<byte[]> channel)
    {
        int left;
        lock (_gate)
        {
            _viewers.Remove(channel);
            left = _viewers.Count;
        }

        ViewerLeft?.Invoke(left);
    }
}
