using Microsoft.Azure.Functions.Worker;

namespace FeedSync.Functions.Tests.Support;

/// <summary>
/// A <see cref="FunctionContext"/> for invoking function methods directly. Members the functions do not use
/// throw, so that a function starting to use one shows up as a test failure.
/// </summary>
internal sealed class FakeFunctionContext(CancellationToken cancellationToken = default) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => "feedsync-test";

    public override CancellationToken CancellationToken { get; } = cancellationToken;

    public override IServiceProvider InstanceServices { get; set; } = EmptyServiceProvider.Instance;

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override TraceContext TraceContext => throw new NotSupportedException("The functions do not read TraceContext.");

    public override BindingContext BindingContext => throw new NotSupportedException("The functions do not read BindingContext.");

    public override RetryContext RetryContext => throw new NotSupportedException("The functions do not read RetryContext.");

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException("The functions do not read FunctionDefinition.");

    public override IInvocationFeatures Features => throw new NotSupportedException("The functions do not read Features.");

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static EmptyServiceProvider Instance { get; } = new();

        public object? GetService(Type serviceType) => null;
    }
}
