#!/usr/bin/env node
// Node's own AsyncLocalStorage on this machine: the anchor the Go numbers
// are compared with. It times getStore, a nested run and
// new AsyncResource(...).runInAsyncScope(...) with process.hrtime.bigint
// and prints Go benchmark lines, so cmd/report reads them with the same
// parser as `go test -bench` output:
//
//   BenchmarkNode/getStore  2000000  13.50 ns/op
//
// Usage: node alsbench.js [-count N] [-iterations N]
'use strict';

const { AsyncLocalStorage, AsyncResource } = require('node:async_hooks');

function parseArgs(argv) {
  const opts = { count: 5, iterations: 2_000_000 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^-+/, '');
    if (!(name in opts) || i + 1 >= argv.length) {
      throw new Error(`usage: alsbench.js [-count N] [-iterations N]; bad argument ${argv[i]}`);
    }
    const v = Number(argv[++i]);
    if (!Number.isInteger(v) || v <= 0) {
      throw new Error(`-${name} wants a positive integer, got ${argv[i]}`);
    }
    opts[name] = v;
  }
  return opts;
}

const storage = new AsyncLocalStorage();
const outer = { id: 1 };
const inner = { id: 2 };
let sink = 0;
function work() { sink++; }

// Each case runs `n` operations inside an existing run, as the Go
// benchmarks do, and returns the elapsed nanoseconds.
const cases = {
  getStore(n) {
    return storage.run(outer, () => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < n; i++) {
        if (storage.getStore() !== outer) throw new Error('lost store');
      }
      return process.hrtime.bigint() - start;
    });
  },
  runNested(n) {
    return storage.run(outer, () => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < n; i++) {
        storage.run(inner, work);
      }
      return process.hrtime.bigint() - start;
    });
  },
  asyncResource(n) {
    return storage.run(outer, () => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < n; i++) {
        new AsyncResource('BENCH').runInAsyncScope(work);
      }
      return process.hrtime.bigint() - start;
    });
  },
};

function main() {
  const { count, iterations } = parseArgs(process.argv.slice(2));
  // Warm up every case first, so the JIT has compiled them all before
  // any is timed.
  for (const fn of Object.values(cases)) fn(Math.min(iterations, 200_000));
  for (const [name, fn] of Object.entries(cases)) {
    for (let c = 0; c < count; c++) {
      const ns = Number(fn(iterations));
      const perOp = ns / iterations;
      console.log(`BenchmarkNode/${name}\t${iterations}\t${perOp.toFixed(2)} ns/op`);
    }
  }
  if (sink === 0) throw new Error('no work done');
}

main();
