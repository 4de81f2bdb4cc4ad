using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Platform.AppHost.Local;

/// <summary>Hands out free loopback TCP ports.</summary>
public static class FreePort
{
    // The OS may hand the same ephemeral port to two callers once the probe socket is closed;
    // remembering what this process already gave out keeps concurrent test fixtures apart.
    private static readonly ConcurrentDictionary<int, byte> HandedOut = new();

    public static int Next()
    {
        while (true)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)probe.LocalEndPoint!).Port;
            if (HandedOut.TryAdd(port, 0))
            {
                return port;
            }
        }
    }
}
