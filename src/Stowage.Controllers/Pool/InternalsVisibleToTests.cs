using System.Runtime.CompilerServices;

// The pool's crash tests drive the internal step hook (PoolOptions.AfterCreateStep) and read
// state files the way the pool does.
[assembly: InternalsVisibleTo("Stowage.Controllers.Tests")]
