/**
 * Follows a mailed link the way a person's browser would, without a browser: GET the link
 * following redirects and keeping cookies (tough-cookie), read the HTML forms on the page
 * (htmlparser2), and submit one as the browser would: hidden and prefilled fields as they are, the
 * password fields filled, the submit button's name if it has one, urlencoded or multipart as the
 * form says, to its action resolved against the page. So a rule completes a mailed flow on whatever
 * page the server puts behind its link, not on names of our own. A page that sets the password by
 * script has no such form; the caller decides what that means.
 */
import { Parser } from 'htmlparser2';
import { CookieJar } from 'tough-cookie';
import { FormData, request } from 'undici';

export interface FormField {
  name: string;
  /** Input type in lower case; "textarea", "select" and "button" for those elements. */
  type: string;
  value: string;
}

export interface HtmlForm {
  /** Absolute URL the form submits to. */
  action: string;
  method: 'GET' | 'POST';
  enctype: 'application/x-www-form-urlencoded' | 'multipart/form-data';
  fields: FormField[];
}

export interface Page {
  url: string;
  status: number;
  contentType: string;
  body: string;
  forms: HtmlForm[];
}

const MAX_REDIRECTS = 10;

/** The forms of an HTML page, their actions resolved against `pageUrl`. */
export function formsOf(html: string, pageUrl: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  let current: HtmlForm | undefined;
  let textarea: FormField | undefined;
  let select: { field: FormField; chosen: boolean } | undefined;
  let option: FormField | undefined;
  let base = pageUrl;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'base' && attributes.href) base = new URL(attributes.href, pageUrl).toString();
        if (name === 'form') {
          const method = (attributes.method ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET';
          const enctype = (attributes.enctype ?? '').toLowerCase() === 'multipart/form-data' ? 'multipart/form-data' : 'application/x-www-form-urlencoded';
          current = { action: new URL(attributes.action || pageUrl, base).toString(), method, enctype, fields: [] };
          forms.push(current);
          return;
        }
        // Options have no name of their own: the select they sit in takes the chosen one's value,
        // or its text when it has no value.
        if (name === 'option' && select && (!select.chosen || 'selected' in attributes)) {
          select.field.value = attributes.value ?? '';
          select.chosen = true;
          option = attributes.value === undefined ? select.field : undefined;
          return;
        }
        if (!current || attributes.name === undefined || 'disabled' in attributes) return;
        if (name === 'input') {
          const type = (attributes.type ?? 'text').toLowerCase();
          if ((type === 'checkbox' || type === 'radio') && !('checked' in attributes)) return;
          current.fields.push({ name: attributes.name, type, value: attributes.value ?? (type === 'checkbox' || type === 'radio' ? 'on' : '') });
        } else if (name === 'button') {
          const type = (attributes.type ?? 'submit').toLowerCase();
          if (type === 'submit') current.fields.push({ name: attributes.name, type: 'button', value: attributes.value ?? '' });
        } else if (name === 'textarea') {
          textarea = { name: attributes.name, type: 'textarea', value: '' };
          current.fields.push(textarea);
        } else if (name === 'select') {
          select = { field: { name: attributes.name, type: 'select', value: '' }, chosen: false };
          current.fields.push(select.field);
        }
      },
      ontext(text) {
        if (textarea) textarea.value += text;
        if (option) option.value += text.trim();
      },
      onclosetag(name) {
        if (name === 'option') option = undefined;
        if (name === 'form') current = undefined;
        if (name === 'textarea') textarea = undefined;
        if (name === 'select') select = undefined;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return forms;
}

/** The password fields of a form, and the forms that have any. */
export const passwordFieldsOf = (form: HtmlForm) => form.fields.filter((field) => field.type === 'password');

/** Told of every page the browser-like client loads, e.g. to log the call for coverage. */
export type PageObserver = (method: string, url: string, status: number) => void;

export class BrowserLike {
  private readonly jar = new CookieJar();

  constructor(private readonly observe?: PageObserver) {}

  /** GETs a URL as a browser's address bar would, following redirects. */
  open(url: string): Promise<Page> {
    return this.navigate(url, 'GET');
  }

  /**
   * Submits `form`: every password field gets `password`; the first submit button, if it has a
   * name, is sent as the one pressed; other fields go as the page filled them.
   */
  submit(form: HtmlForm, fill: { password: string }): Promise<Page> {
    let pressed = false;
    const fields: Array<[string, string]> = [];
    for (const field of form.fields) {
      if (field.type === 'button' || field.type === 'submit') {
        if (!pressed && field.name) fields.push([field.name, field.value]);
        pressed = true;
      } else if (field.type === 'password') fields.push([field.name, fill.password]);
      else if (!['image', 'reset', 'file'].includes(field.type)) fields.push([field.name, field.value]);
    }
    if (form.method === 'GET') {
      const target = new URL(form.action);
      target.search = new URLSearchParams(fields).toString();
      return this.navigate(target.toString(), 'GET');
    }
    if (form.enctype === 'multipart/form-data') {
      const data = new FormData();
      for (const [name, value] of fields) data.append(name, value);
      return this.navigate(form.action, 'POST', data);
    }
    return this.navigate(form.action, 'POST', new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
  }

  private async navigate(url: string, method: 'GET' | 'POST', body?: string | FormData, contentType?: string): Promise<Page> {
    let current = url;
    let currentMethod = method;
    let currentBody = body;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
      const cookie = await this.jar.getCookieString(current);
      if (cookie) headers.cookie = cookie;
      if (typeof currentBody === 'string' && contentType) headers['content-type'] = contentType;
      if (currentMethod === 'POST') headers.origin = new URL(current).origin;
      const response = await request(current, { method: currentMethod, headers, body: currentBody, headersTimeout: 15_000, bodyTimeout: 15_000 });
      this.observe?.(currentMethod, current, response.statusCode);
      for (const line of [response.headers['set-cookie'] ?? []].flat()) await this.jar.setCookie(line, current, { ignoreError: true });
      const location = response.headers.location;
      if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string' && hop < MAX_REDIRECTS) {
        await response.body.dump();
        current = new URL(location, current).toString();
        // 307 and 308 repeat the request; the others turn it into a GET, as browsers do.
        if (response.statusCode !== 307 && response.statusCode !== 308) {
          currentMethod = 'GET';
          currentBody = undefined;
        }
        continue;
      }
      const text = await response.body.text();
      const type = String(response.headers['content-type'] ?? '');
      return { url: current, status: response.statusCode, contentType: type, body: text, forms: /html/i.test(type) || /<form/i.test(text) ? formsOf(text, current) : [] };
    }
  }
}
