package reach

import "math"

// EarthRadiusKm is the WGS84 mean radius (2a+b)/3. A sphere is accurate to
// about 0.5 % against the ellipsoid, far below the error of a straight line
// as a stand-in for a road.
const EarthRadiusKm = 6371.0088

const rad = math.Pi / 180

// HaversineKm is the great-circle distance between two lon/lat points in
// degrees. The haversine form stays accurate for the short distances that
// dominate here (a village to a seat a few km away), unlike the spherical
// law of cosines.
func HaversineKm(lon1, lat1, lon2, lat2 float64) float64 {
	sdLat := math.Sin((lat2 - lat1) * rad / 2)
	sdLon := math.Sin((lon2 - lon1) * rad / 2)
	h := sdLat*sdLat + math.Cos(lat1*rad)*math.Cos(lat2*rad)*sdLon*sdLon
	return 2 * EarthRadiusKm * math.Asin(math.Sqrt(min(h, 1)))
}

// vec3 is a point on the unit sphere. The straight (chord) distance between
// two unit vectors grows strictly with the great-circle distance, so the
// nearest seat by chord is the nearest by great circle, with no seam at the
// antimeridian and no shrinking of longitude degrees towards the poles.
type vec3 [3]float64

func unit(lon, lat float64) vec3 {
	sLon, cLon := math.Sincos(lon * rad)
	sLat, cLat := math.Sincos(lat * rad)
	return vec3{cLat * cLon, cLat * sLon, sLat}
}

func chord2(a, b vec3) float64 {
	dx, dy, dz := a[0]-b[0], a[1]-b[1], a[2]-b[2]
	return dx*dx + dy*dy + dz*dz
}
