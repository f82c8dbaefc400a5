using System.Net;
using System.Net.Sockets;

namespace FeedSync.Functions.Tests.Support;

internal static class LoopbackPorts
{
    /// <summary>Returns a TCP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int Free()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
