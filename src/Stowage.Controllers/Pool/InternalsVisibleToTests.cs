using System.Runtime.CompilerServices;

// The pool's crash tests drive the internal step hook (PoolOptions.AfterCreateStep) and read
// state files the way the pool does; the provisioning benchmark times the same steps.
[assembly: InternalsVisibleTo("Stowage.Controllers.Tests")]
[assembly: InternalsVisibleTo("Stowage.Benchmarks")]
