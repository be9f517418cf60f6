package web

func init() { matrixExtensions = append(matrixExtensions, opportunityMatrix) }

// opportunityMatrix covers the partner suggestions, the border-access
// list, the potential clusters and the cooperation network: analyses of
// public data or of the cooperations each actor may see, so every actor
// gets the same status (what the network counts differs by scope, not the
// status; TestNetworkScopeAndAPI checks the content).
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
		{"GET /opportunities/clusters", "", getReq("/opportunities/clusters?sector=C"), all200},
		{"GET /opportunities/clusters", "bad basis", getReq("/opportunities/clusters?basis=x"), bad},
		{"GET /opportunities/clusters/export", "", getReq("/opportunities/clusters/export?province=32"), all200},
		{"GET /opportunities/clusters/export", "bad region", getReq("/opportunities/clusters/export?region=99.99"), bad},
		{"GET /opportunities/network", "", getReq("/opportunities/network?province=32"), all200},
		{"GET /opportunities/network", "bad state", getReq("/opportunities/network?state=x"), bad},
		{"GET /opportunities/network/export", "", getReq("/opportunities/network/export?state=planned"), all200},
		{"GET /api/v1/opportunities/clusters", "", getReq("/api/v1/opportunities/clusters?region=32.73"), all200},
		{"GET /api/v1/opportunities/clusters", "bad province", getReq("/api/v1/opportunities/clusters?province=3"), bad},
		{"GET /api/v1/opportunities/clusters/geometry", "", getReq("/api/v1/opportunities/clusters/geometry?region=32.73"), all200},
		{"GET /api/v1/opportunities/network", "", getReq("/api/v1/opportunities/network"), all200},
		{"GET /api/v1/opportunities/network/geometry", "", getReq("/api/v1/opportunities/network/geometry?province=32"), all200},
		{"GET /api/v1/opportunities/network/geometry", "bad province", getReq("/api/v1/opportunities/network/geometry?province=32.73"), bad},
	}
}
