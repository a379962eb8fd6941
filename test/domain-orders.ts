// The orders area's use cases in one module, for the tests and the bench that drive them in
// process (a Lambda imports only the file of the step it runs).
export * from '../functions/src/domain/orders/common';
export * from '../functions/src/domain/orders/create';
export * from '../functions/src/domain/orders/read';
export * from '../functions/src/domain/orders/payment';
export * from '../functions/src/domain/orders/late-payment';
export * from '../functions/src/domain/orders/completion';
export * from '../functions/src/domain/orders/refund';
