// js-yaml 3 comes with osls (serverless); only the parts the table test uses.
declare module 'js-yaml' {
  export class Type {
    constructor(tag: string, opts: { kind: 'scalar' | 'sequence' | 'mapping'; construct: (data: unknown) => unknown });
  }
  export class Schema {
    static create(types: Type[]): Schema;
  }
  export function load(text: string, opts?: { schema?: Schema }): unknown;
  const _default: { Type: typeof Type; Schema: typeof Schema; load: typeof load };
  export default _default;
}
