/**
 * The membership layer's shapes, by the names the portal's pages use: each is the hub's own declaration in
 * `@orbit/contracts` (membership-views.ts), so the compiler keeps the pages in step with what the hub answers.
 */
import type {
  CardInput as ContractCardInput,
  PriceInput as ContractPriceInput,
  CreateTierInput,
  GrantInput,
  GrowthAdjustmentInput,
  GrowthEntryView,
  LevelsView,
  PreferencesInput,
  PriceView,
  PurchaseInput,
  ReceiptView,
  SubscriptionView,
  TierView,
  UpdateTierInput,
} from '@orbit/contracts';

export {
  type ActivityIcons,
  CURRENCIES,
  type Currency,
  type EndReason,
  PRICE_PERIODS as PERIODS,
  type PricePeriod as Period,
  type RevenueRow,
  type SubscriptionSource,
  type SubscriptionStatus,
  type TierPerks,
  type TierScope,
  type TierSummary,
  type VipLevel,
} from '@orbit/contracts';

/** A tier as `GET /api/tiers` (on sale) and `GET /api/admin/tiers` (every one, with `priceHistory`) answer it. */
export type Tier = TierView;
export type Price = PriceView;
export type NewTier = CreateTierInput;
/** What an edit may change: never the id, scope or service. `perks` replaces the whole set. */
export type TierPatch = UpdateTierInput;
export type PriceInput = ContractPriceInput;
export type Subscription = SubscriptionView;
/** What is shown of a card: never its number. */
export type CardView = NonNullable<SubscriptionView['card']>;
export type Receipt = ReceiptView;
export type CardInput = ContractCardInput;
export type Purchase = PurchaseInput;
/** `GET /api/me/levels` and `GET /api/admin/accounts/:id/levels`. */
export type Levels = LevelsView;
/** One local day of the growth chart. */
export type { GrowthPoint } from '@orbit/contracts';
export type Preferences = PreferencesInput;
export type Grant = GrantInput;
/** `POST /api/admin/accounts/:id/growth-adjustments`: points to add (negative: to take away), and why. */
export type GrowthAdjustment = GrowthAdjustmentInput;
/** One row of an account's growth ledger (`GET /api/admin/accounts/:id/growth-entries`). */
export type GrowthEntry = GrowthEntryView;
