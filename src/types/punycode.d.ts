// punycode.js (mathiasbynens/punycode.js) ships no types. Its ES module is imported by path: a bare
// "punycode" is Node's deprecated built-in module, not this library.
declare module "punycode/punycode.es6.js" {
  /** RFC 3492 decoding of one label's basic+extended code points (throws RangeError on bad input). */
  export function decode(input: string): string;
}
