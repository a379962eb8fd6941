// Request bodies (zod at the edge): one contract with the client, in @greenpoints/shared (src/api).
export {
  loginBody,
  newOrderBody,
  pointsBody,
  amountBody,
  emptyBody,
  pageQuery,
  afterSaleBody,
  shipBackBody,
} from '@greenpoints/shared';
