package web

func init() { matrixExtensions = append(matrixExtensions, opportunityMatrix) }

// opportunityMatrix covers the partner suggestions and the border-access
// list: analyses of public data, so every actor gets the same status (the
// existing cooperations counted differ by scope, not the status).
func opportunityMatrix(f *fixture) []matrixCase {
	f.server.Geo = econGeo{GeoReader: f.db, fakeEcon: &fakeEcon{version: "matrix"}}
	const notFound = "404 404 404 404 404 404 404 404 404 404"
	const bad = "400 400 400 400 400 400 400 400 400 400"
	return []matrixCase{
		{"GET /regions/{code}/opportunities", "Kota Bandung", getReq("/regions/32.73/opportunities?sector=C"), all200},
		{"GET /regions/{code}/opportunities", "unknown", getReq("/regions/99.99/opportunities"), notFound},
		{"GET /regions/{code}/opportunities", "bad sector", getReq("/regions/32.73/opportunities?sector=ZZ"), bad},
		{"GET /api/v1/regions/{code}/partners", "", getReq("/api/v1/regions/32.73/partners?limit=3"), all200},
		{"GET /api/v1/regions/{code}/partners", "bad limit", getReq("/api/v1/regions/32.73/partners?limit=0"), bad},
		{"GET /api/v1/regions/{code}/access", "", getReq("/api/v1/regions/32.73/access"), all200},
		{"GET /api/v1/regions/{code}/access", "unknown", getReq("/api/v1/regions/99.99/access"), notFound},
	}
}
