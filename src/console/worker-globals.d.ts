// The console's type check reads the Worker's admin modules (for their schemas' types), so it loads
// the Workers types beside the DOM library. Two consequences:
// - the DOM's SubtleCrypto lacks the Workers runtime's extension that src/admin/auth.ts uses;
// - the Workers' HTMLRewriter `Element` merges with the DOM's and hides ParentNode/ChildNode's
//   append, before, after, remove and replaceWith: console code uses replaceChildren, appendChild,
//   insertBefore and removeChild instead.
interface SubtleCrypto {
  timingSafeEqual(a: ArrayBuffer | ArrayBufferView, b: ArrayBuffer | ArrayBufferView): boolean;
}
