// One contract for both sides of the shopper API (docs/api.md "Shared types").
export * from './answers';
export * from './requests';
export * from './staff';
export * from './pool-head';
