// The leak tests of leak.test.mjs, run on the page's own engine
// (target/page-pkg/: the core the page's worker runs, built for size and
// without sealFiles): it too must hand out nothing personal outside the
// ciphertext. Node runs each test file in a process of its own.
process.env.RS_ENGINE = 'page';
await import('./leak.test.mjs');
