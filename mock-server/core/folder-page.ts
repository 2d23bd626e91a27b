/** A page served at a mounted router's folder URL (`/__mock/`, `/docs/`). */
import type { RequestHandler, Response } from 'express';

/** Answers with `send`; `/x` is redirected to `/x/` first, so the page's relative links resolve under it. */
export function folderPage(send: (res: Response) => void): RequestHandler {
  return (req, res) => {
    if (!req.originalUrl.split('?')[0]?.endsWith('/')) return res.redirect(301, `${req.baseUrl}/`);
    send(res);
  };
}
