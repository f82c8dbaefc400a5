using System.Net;
using System.Security.Cryptography.X509Certificates;
using FeedSync.SentinelEmulator.Faults;
using FeedSync.SentinelEmulator.Hosting;
using FeedSync.SentinelEmulator.State;
using FeedSync.SentinelEmulator.Watchlists;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedSync.SentinelEmulator;

/// <summary>
/// A local emulator of the Microsoft Sentinel watchlist, Log Analytics saved-search and Log Analytics query APIs,
/// served over HTTPS on 127.0.0.1 with a self-signed certificate.
/// </summary>
public sealed class SentinelEmulator : IAsyncDisposable
{
    private readonly WebApplication application;
    private readonly ILogger logger;
    private bool stopped;

    private SentinelEmulator(WebApplication application, Uri baseUri, X509Certificate2 certificate, EmulatorFaultOptions faults, EmulatorStatistics statistics, ILogger logger)
    {
        this.application = application;
        this.logger = logger;
        BaseUri = baseUri;
        Certificate = certificate;
        Faults = faults;
        Statistics = statistics;
    }

    /// <summary>Gets the base address, <c>https://127.0.0.1:{port}/</c>, serving both ARM and Log Analytics routes.</summary>
    public Uri BaseUri { get; }

    /// <summary>Gets the self-signed certificate for 127.0.0.1 and localhost that the emulator serves.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Gets the live fault settings; changes apply to the next request.</summary>
    public EmulatorFaultOptions Faults { get; }

    /// <summary>Gets the counts of requests served so far.</summary>
    public EmulatorStatistics Statistics { get; }

    /// <summary>Starts an emulator and returns once it listens.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public static async Task<SentinelEmulator> StartAsync(SentinelEmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        SentinelEmulatorOptionsValidator.ThrowIfInvalid(options);

        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SentinelEmulator>();
        var certificate = await EmulatorCertificate.LoadOrCreateAsync(options.StateFile, cancellationToken);
        var operations = new WatchlistOperations(options, logger);
        var store = new StateStore(options.StateFile, [.. options.Workspaces], options.TimeProvider, logger, operations.CompleteDue);
        var statistics = new EmulatorStatistics();
        var dispatcher = new RequestDispatcher(
            options,
            store,
            new FaultInjector(options.Faults),
            new ArmThrottle(options.ThrottleLimits, options.TimeProvider),
            statistics,
            logger);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SentinelEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(certificate)));

        var application = builder.Build();
        application.Run(dispatcher.HandleAsync);
        await application.StartAsync(cancellationToken);

        var address = application.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUri = new Uri($"https://127.0.0.1:{new Uri(address).Port}/");
        Log.Started(logger, baseUri, options.Workspaces.Count, options.StateFile ?? "(memory only)");
        return new SentinelEmulator(application, baseUri, certificate, options.Faults, statistics, logger);
    }

    /// <summary>Stops listening and waits for requests in flight to end.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        await application.StopAsync(cancellationToken);
        Log.Stopped(logger, BaseUri);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await application.DisposeAsync();
    }
}
