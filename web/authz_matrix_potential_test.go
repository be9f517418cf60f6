package web

func init() { matrixExtensions = append(matrixExtensions, potentialMatrix) }

// potentialMatrix covers the "potensi daerah" pages and API: the analysis
// is of public BPS data, so every actor, signed in or not, gets the same
// answers. The fixture's server reads the hand-made panel of fakeEcon.
func potentialMatrix(f *fixture) []matrixCase {
	f.server.Geo = econGeo{GeoReader: f.db, fakeEcon: &fakeEcon{version: "matrix"}}
	const notFound = "404 404 404 404 404 404 404 404 404 404"
	const bad = "400 400 400 400 400 400 400 400 400 400"
	return []matrixCase{
		{"GET /regions/{code}/potential", "Kota Bandung", getReq("/regions/32.73/potential"), all200},
		{"GET /regions/{code}/potential", "unknown", getReq("/regions/99.99/potential"), notFound},
		{"GET /potential", "", getReq("/potential?sector=C&year=2020"), all200},
		{"GET /potential", "bad sector", getReq("/potential?sector=ZZ"), bad},
		{"GET /potential/export", "", getReq("/potential/export?sector=C&format=csv"), all200},
		{"GET /inequality", "", getReq("/inequality?province=32"), all200},
		{"GET /api/v1/regions/{code}/potential", "", getReq("/api/v1/regions/32.73/potential"), all200},
		{"GET /api/v1/potential/sectors/{sector}", "", getReq("/api/v1/potential/sectors/C"), all200},
		{"GET /api/v1/potential/sectors/{sector}/geometry", "", getReq("/api/v1/potential/sectors/C/geometry"), all200},
		{"GET /api/v1/inequality", "", getReq("/api/v1/inequality"), all200},
	}
}
