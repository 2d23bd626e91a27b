/** Every MACHHUB response carries `App-CorrelationID`: the caller's own when it sent a sane one. */
import type { RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';

const HEADER = 'App-CorrelationID';
const SANE = /^[\w.:-]{1,128}$/;

export function correlationId(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get(HEADER);
    res.set(HEADER, incoming && SANE.test(incoming) ? incoming : randomUUID());
    next();
  };
}
