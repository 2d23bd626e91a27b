// The yardstick: Express with one JSON route and nothing else (no logging, no parsing). Plain
// JavaScript, so it runs on node alone, without a TypeScript loader adding to its memory.
import express from 'express';

const app = express();
app.disable('x-powered-by');
app.get('/hello', (_req, res) => {
  res.json({ hello: 'world' });
});
app.listen(Number(process.argv[2] ?? 0), '127.0.0.1');
