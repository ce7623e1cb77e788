// Error bounds written as text, for ports: an arithmetic expression in the row's quantities
// that the built-in bounds depend on (src/spec/error-bounds.ts), parsed by a small recursive
// descent parser into a closure. No eval: only the grammar below is accepted.
//
//   expr    := term (('+' | '-') term)*
//   term    := unary (('*' | '/') unary)*
//   unary   := '-' unary | power
//   power   := primary ('^' unary)?            (right-associative: 2^-2^2 = 2^(-(2^2)))
//   primary := NUMBER | VARIABLE | FUNCTION '(' expr (',' expr)* ')' | '(' expr ')'
//   NUMBER  := decimal, optionally with an exponent: 1, 0.5, 1e-3
//   VARIABLE:= n (row length) | spread (|x_i - max|, the element's) | magnitude (max|x| of the row)
//   FUNCTION:= ulp(v) (float32 spacing at v) | ceil | floor | abs | log2 (one argument) | min | max (two or more)

import type { BoundContext, ErrorBound } from './error-bounds.js';

type Node = (c: BoundContext) => number;

export class BoundSyntaxError extends Error {
  override readonly name = 'BoundSyntaxError';
}

/** float32 spacing at |v| (2^-149 in the subnormal range), as the built-in bounds use it. */
function ulp32(v: number): number {
  const a = Math.abs(v);
  if (!Number.isFinite(a)) return a;
  if (a < 2 ** -126) return 2 ** -149;
  return 2 ** (Math.floor(Math.log2(a)) - 23);
}

const VARIABLES: Record<string, Node> = { n: (c) => c.n, spread: (c) => c.spread, magnitude: (c) => c.magnitude };
const FUNCTIONS: Record<string, { arity: 'one' | 'many'; f: (...a: number[]) => number }> = {
  ulp: { arity: 'one', f: ulp32 },
  ceil: { arity: 'one', f: Math.ceil },
  floor: { arity: 'one', f: Math.floor },
  abs: { arity: 'one', f: Math.abs },
  log2: { arity: 'one', f: Math.log2 },
  min: { arity: 'many', f: Math.min },
  max: { arity: 'many', f: Math.max },
};

const TOKEN = /\s*(?:(\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z_0-9]*)|(\S))/y;

interface Token {
  kind: 'number' | 'name' | 'op' | 'end';
  text: string;
  at: number;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (;;) {
    const start = TOKEN.lastIndex;
    if (src.slice(start).trim() === '') break;
    const m = TOKEN.exec(src);
    if (!m) throw new BoundSyntaxError(`unexpected text at column ${start + 1}`);
    const at = m.index + m[0].length - (m[1] ?? m[2] ?? m[3]).length;
    if (m[1] !== undefined) out.push({ kind: 'number', text: m[1], at });
    else if (m[2] !== undefined) out.push({ kind: 'name', text: m[2], at });
    else if ('+-*/^(),'.includes(m[3])) out.push({ kind: 'op', text: m[3], at });
    else throw new BoundSyntaxError(`unexpected "${m[3]}" at column ${at + 1}`);
  }
  out.push({ kind: 'end', text: 'the end', at: src.length });
  return out;
}

/** Parses `src` into a function of the row; BoundSyntaxError says where it goes wrong. */
export function parseBoundExpression(src: string): Node {
  const tokens = tokenize(src);
  let i = 0;
  const peek = () => tokens[i];
  const fail = (what: string): never => {
    const t = peek();
    throw new BoundSyntaxError(`expected ${what} at column ${t.at + 1}, found ${t.kind === 'end' ? 'the end' : `"${t.text}"`}`);
  };
  const eat = (op: string) => (peek().kind === 'op' && peek().text === op ? (i++, true) : false);

  function expr(): Node {
    let left = term();
    for (;;) {
      if (eat('+')) {
        const l = left, r = term();
        left = (c) => l(c) + r(c);
      } else if (eat('-')) {
        const l = left, r = term();
        left = (c) => l(c) - r(c);
      } else return left;
    }
  }
  function term(): Node {
    let left = unary();
    for (;;) {
      if (eat('*')) {
        const l = left, r = unary();
        left = (c) => l(c) * r(c);
      } else if (eat('/')) {
        const l = left, r = unary();
        left = (c) => l(c) / r(c);
      } else return left;
    }
  }
  function unary(): Node {
    if (eat('-')) {
      const u = unary();
      return (c) => -u(c);
    }
    const base = primary();
    if (!eat('^')) return base;
    const exp = unary();
    return (c) => base(c) ** exp(c);
  }
  function primary(): Node {
    const t = peek();
    if (t.kind === 'number') {
      i++;
      const v = Number(t.text);
      return () => v;
    }
    if (eat('(')) {
      const e = expr();
      if (!eat(')')) fail('")"');
      return e;
    }
    if (t.kind === 'name') {
      i++;
      if (t.text in VARIABLES) return VARIABLES[t.text];
      const fn = FUNCTIONS[t.text];
      if (!fn) throw new BoundSyntaxError(`unknown name "${t.text}" at column ${t.at + 1}; variables: ${Object.keys(VARIABLES).join(', ')}; functions: ${Object.keys(FUNCTIONS).join(', ')}`);
      if (!eat('(')) fail(`"(" after ${t.text}`);
      const args = [expr()];
      while (eat(',')) args.push(expr());
      if (!eat(')')) fail('")"');
      if (fn.arity === 'one' && args.length !== 1) throw new BoundSyntaxError(`${t.text} takes one argument, got ${args.length}`);
      if (fn.arity === 'many' && args.length < 2) throw new BoundSyntaxError(`${t.text} takes two or more arguments`);
      return (c) => fn.f(...args.map((a) => a(c)));
    }
    return fail('a number, a variable, a function or "("');
  }

  const root = expr();
  if (peek().kind !== 'end') fail('an operator or the end');
  return root;
}

/** Rows the bound is tried on before it is accepted: it must be a positive number on each. */
const PROBES: BoundContext[] = [
  { n: 1, spread: 0, magnitude: 0 },
  { n: 1000, spread: 10, magnitude: 100 },
  { n: 1_000_000, spread: 80, magnitude: 1e6 },
];

/** A declared bound from text: a number of ULP, or an expression (see the grammar above). */
export function boundFromText(src: string): ErrorBound {
  const f = parseBoundExpression(src);
  for (const c of PROBES) {
    const v = f(c);
    if (!(v > 0)) throw new BoundSyntaxError(`evaluates to ${v} at n=${c.n}, spread=${c.spread}, magnitude=${c.magnitude}; a bound must be a positive number of ULP`);
  }
  const constant = /^\s*[\d.]+(?:[eE][-+]?\d+)?\s*$/.test(src);
  return { formula: constant ? `< ${Number(src)} ULP (declared by the port)` : `${src.trim()} (declared by the port)`, maxUlp: f };
}
