// Assets and their scale: how many decimal places one minor unit stands for.
// An amount never exists without its asset, so scale travels with the value.

declare const assetCodeBrand: unique symbol;
/** A currency or crypto-asset code such as `RUB` or `USDT`. */
export type AssetCode = string & { readonly [assetCodeBrand]: true };

export interface Asset {
  readonly code: AssetCode;
  /** Decimal places of the minor unit: RUB 2 (kopecks), USDT 6, BTC 8 (satoshis). */
  readonly scale: number;
  /** The currency a stablecoin tracks, if it is one. */
  readonly peg?: AssetCode;
}

const CODE = /^[A-Z][A-Z0-9]{1,9}$/;

export function assetCode(code: string): AssetCode {
  if (!CODE.test(code)) throw new Error(`not an asset code: ${JSON.stringify(code)}`);
  return code as AssetCode;
}

export function defineAsset(code: string, scale: number, peg?: string): Asset {
  if (!Number.isInteger(scale) || scale < 0 || scale > 18) {
    throw new Error(`asset ${code}: scale must be an integer from 0 to 18, got ${scale}`);
  }
  return peg === undefined
    ? { code: assetCode(code), scale }
    : { code: assetCode(code), scale, peg: assetCode(peg) };
}

/** Scales of the assets the pilot knows, used when a scenario does not declare them. */
export const KNOWN_ASSETS: readonly Asset[] = [
  defineAsset('RUB', 2),
  defineAsset('USD', 2),
  defineAsset('CNY', 2),
  defineAsset('INR', 2),
  defineAsset('AED', 2),
  /** The offshore yuan, traded outside mainland China; what a yuan-pegged coin tracks. */
  defineAsset('CNH', 2),
  defineAsset('BRL', 2),
  defineAsset('ZAR', 2),
  defineAsset('USDT', 6, 'USD'),
  /** A yuan-pegged coin (AxCNH, launched 2025-09, reported), pegged to the offshore yuan. */
  defineAsset('AXCNH', 6, 'CNH'),
  defineAsset('BTC', 8),
];
