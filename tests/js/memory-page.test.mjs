// The memory tests of memory.test.mjs, run on the page's own engine
// (target/page-pkg/: the core the page's worker runs, built for size and
// without sealFiles): it too must leave no personal data or password in
// its linear memory. Node runs each test file in a process of its own.
process.env.RS_ENGINE = 'page';
await import('./memory.test.mjs');
