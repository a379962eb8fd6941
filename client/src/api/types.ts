// The shopper API's types come from the one contract both sides compile against
// (@greenpoints/shared src/api, docs/api.md "Shared types"); only the client's own shapes live here.
import type {
  AddressBody,
  CategoryView,
  LedgerLine,
  OrderAnswer,
  OrderLineView,
  OrderView,
  PoolView,
  ProductView,
  ProfileView,
  TeamMemberView,
  TeamView,
  WalletView,
} from '@greenpoints/shared';

export type {
  AddressBook,
  AfterSaleAnswer,
  AfterSaleBody,
  AfterSaleKind,
  AfterSaleStatus,
  AfterSaleView as AfterSaleRequest,
  AfterSalesPage,
  BookAddress,
  ConvertAnswer,
  ConvertBackAnswer,
  DeleteAnswer,
  ExportAnswer,
  InviteAnswer,
  LeaderRow,
  LedgerAnswer,
  LoginAnswer,
  LoginBody,
  NewOrderBody,
  OrderAddress,
  OrderAnswer,
  OrdersPage,
  OrderStatus,
  PayWith,
  PricePoint,
  SellAnswer,
  ShipBackBody,
  TransferConfirm,
  WithdrawalAnswer,
  WithdrawalStatus,
  WithdrawalView,
  WithdrawalsPage,
} from '@greenpoints/shared';

export type Product = ProductView;
export type Category = CategoryView;
export type Profile = ProfileView;
export type AddressForm = AddressBody;
export type OrderItem = OrderLineView;
export type Wallet = WalletView;
export type Pool = PoolView;
export type Team = TeamView;
export type TeamMember = TeamMemberView;
export type LedgerEntry = LedgerLine;

/** An order as the pages hold it: the loaded view, with the newer answer of an action laid over it. */
export type Order = OrderView & Partial<Pick<OrderAnswer, 'payParams' | 'refundId'>>;

/** A page of a paged list, as the client's list hooks read it. */
export interface Page<T> {
  items: T[];
  cursor?: string | null;
}

export type LedgerPage = Page<LedgerLine>;
