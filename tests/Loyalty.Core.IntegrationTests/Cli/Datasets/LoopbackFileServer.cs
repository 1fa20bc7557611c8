using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Loyalty.Core.Tests.Cli.Datasets;

/// <summary>
/// A minimal HTTP/1.1 file server on 127.0.0.1 (port chosen by the system) standing in for a publisher: GET of a
/// known path answers 200 with the bytes, anything else 404; one request per connection. Tests use it with
/// <c>--url</c>, so fetching never leaves the machine.
/// </summary>
internal sealed class LoopbackFileServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IReadOnlyDictionary<string, byte[]> _files;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    /// <param name="files">Bytes by absolute path, e.g. <c>/grouplens/ml-100k.zip</c>.</param>
    internal LoopbackFileServer(IReadOnlyDictionary<string, byte[]> files)
    {
        _files = files;
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    internal string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

    /// <summary>Requests answered so far.</summary>
    internal int Requests => Volatile.Read(ref _requests);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait();
        }
        catch (AggregateException)
        {
            // The accept loop ends by cancellation; nothing to report.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var head = new List<byte>();
            var buffer = new byte[4096];
            while (!EndsWithBlankLine(head))
            {
                int read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    return;
                }

                head.AddRange(buffer.AsSpan(0, read));
            }

            string requestLine = Encoding.ASCII.GetString([.. head]).Split("\r\n")[0];
            string path = requestLine.Split(' ') is [_, var target, ..] ? Uri.UnescapeDataString(target) : "/";
            Interlocked.Increment(ref _requests);
            bool found = _files.TryGetValue(path, out var body);
            body ??= [];
            string header = $"HTTP/1.1 {(found ? "200 OK" : "404 Not Found")}\r\nContent-Type: application/octet-stream\r\n" +
                $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(header));
            await stream.WriteAsync(body);
            await stream.FlushAsync();
        }
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';
}
