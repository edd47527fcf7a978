namespace Stowage.Benchmarks.Binding;

/// <summary>The warm-up rounds, each with the methods .NET compiled during and right after it.</summary>
internal sealed record WarmUpResult(IReadOnlyList<(BulkResult Round, long MethodsCompiled)> Rounds);
