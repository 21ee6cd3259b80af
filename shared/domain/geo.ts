/**
 * Geohashes and distances for the search's geo index (docs/search.md). A geohash interleaves
 * longitude and latitude bits, 5 per character: at precision 3 a cell is 1.40625 degrees on each
 * side (156 km north-south; east-west 156 km x cos(latitude)).
 */
const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';
const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE_LAT = 111.32;

/** The geohash of a point, `precision` characters long. */
export function geohash(latitude: number, longitude: number, precision: number): string {
  let latLo = -90;
  let latHi = 90;
  let lngLo = -180;
  let lngHi = 180;
  let out = '';
  let bits = 0;
  let value = 0;
  let even = true;
  while (out.length < precision) {
    if (even) {
      const mid = (lngLo + lngHi) / 2;
      if (longitude >= mid) {
        value = (value << 1) | 1;
        lngLo = mid;
      } else {
        value <<= 1;
        lngHi = mid;
      }
    } else {
      const mid = (latLo + latHi) / 2;
      if (latitude >= mid) {
        value = (value << 1) | 1;
        latLo = mid;
      } else {
        value <<= 1;
        latHi = mid;
      }
    }
    even = !even;
    if (++bits === 5) {
      out += BASE32[value];
      bits = 0;
      value = 0;
    }
  }
  return out;
}

/** Degrees of latitude and longitude a cell of `precision` characters spans. */
export function cellSize(precision: number): { lat: number; lng: number } {
  const bits = 5 * precision;
  return { lat: 180 / 2 ** Math.floor(bits / 2), lng: 360 / 2 ** Math.ceil(bits / 2) };
}

export interface BoundingBox {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

/** The box around a circle (latitude clamped to the poles, longitude not wrapped: see `coveringCells`). */
export function boundingBox(latitude: number, longitude: number, radiusKm: number): BoundingBox {
  const dLat = radiusKm / KM_PER_DEGREE_LAT;
  const cos = Math.max(Math.cos((latitude * Math.PI) / 180), 1e-6);
  const dLng = Math.min(180, radiusKm / (KM_PER_DEGREE_LAT * cos));
  return {
    minLat: Math.max(-90, latitude - dLat),
    maxLat: Math.min(90, latitude + dLat),
    minLng: longitude - dLng,
    maxLng: longitude + dLng,
  };
}

const wrapLng = (lng: number) => ((((lng + 180) % 360) + 360) % 360) - 180;

/**
 * Every cell of `precision` that the box touches. Samples the box at steps no longer than a cell,
 * both edges included, so no cell the box crosses can fall between two samples. Longitudes past
 * the antimeridian wrap around.
 */
export function coveringCells(box: BoundingBox, precision: number): string[] {
  const size = cellSize(precision);
  const steps = (lo: number, hi: number, step: number) => {
    const out: number[] = [];
    for (let v = lo; v < hi; v += step) out.push(v);
    out.push(hi);
    return out;
  };
  const cells = new Set<string>();
  for (const lat of steps(box.minLat, box.maxLat, size.lat)) {
    for (const lng of steps(box.minLng, box.maxLng, size.lng)) {
      cells.add(geohash(Math.min(lat, 89.999999), wrapLng(lng), precision));
    }
  }
  return [...cells].sort();
}

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLng = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
