// Package web is Jalin's HTTP adapter: the server-rendered pages, the JSON
// API under /api/v1, health and metrics. Handlers are thin: they parse the
// request, ask the domain packages, and render. Every route is listed in
// routes() so that tests can enumerate them.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/jalin-ksd/jalin/auth"
	"github.com/jalin-ksd/jalin/config"
	"github.com/jalin-ksd/jalin/document"
	"github.com/jalin-ksd/jalin/geo"
	"github.com/jalin-ksd/jalin/i18n"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/workday"
)

// GeoReader is what the pages and API read of the imported geography.
type GeoReader interface {
	Boundaries(ctx context.Context, codes []string) ([]geo.Boundary, error)
	Points(ctx context.Context, codes []string) ([]geo.Point, error)
	Neighbours(ctx context.Context, code string) ([]geo.Adjacency, error)
	// TravelTimes are the imported minutes by (place, seat's regency).
	TravelTimes(ctx context.Context) (map[[2]string]float64, error)
}

// Deps are the parts the server is built from; cmd/jalin wires them.
type Deps struct {
	Config  config.Config
	Logger  *slog.Logger
	Catalog *i18n.Catalog
	Regions *region.Directory
	Geo     GeoReader
	// Accounts keeps users, sessions, tokens and the audit trail.
	Accounts AccountStore
	// Coops keeps cooperations, their documents, the holiday additions and
	// the regulation parameter versions.
	Coops CoopStore
	// TKKSD keeps the teams, meetings, follow-up actions and mappings of
	// affairs; nil leaves the workspace out (its pages answer 404).
	TKKSD TKKSDStore
	// Holidays is the shipped working-day calendar (2020–2027).
	Holidays *workday.Calendar
	// Blobs stores uploaded documents by content hash.
	Blobs document.BlobStore
	// Ready reports whether the server can serve (the database answers).
	Ready   func(ctx context.Context) error
	Version string
	// Now is the clock (tests set it); nil means time.Now.
	Now func() time.Time
	// Throttle is the login lockout policy.
	Throttle auth.Throttle
}

// Server serves Jalin over HTTP.
type Server struct {
	Deps
	pages     *pages
	assets    *assets
	metrics   *metrics
	handler   http.Handler
	dummyHash string // verified against when a username is unknown
	// hashSlots bounds the password checks running at once: each takes
	// about 20 MB for 20 ms, so a burst of logins cannot exhaust memory.
	hashSlots chan struct{}
	coopCache coopCache // API answers about cooperations; see coopCache
}

// Route is one registered route, for documentation and the tests that must
// call every route.
type Route struct {
	Method  string
	Pattern string
	API     bool
	handler http.HandlerFunc
}

// New builds the server and its routes.
func New(d Deps) (*Server, error) {
	s := &Server{Deps: d}
	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.pages, err = loadPages(s.assets); err != nil {
		return nil, err
	}
	s.metrics = newMetrics()
	s.hashSlots = make(chan struct{}, 4)
	if s.Throttle.MaxFailures == 0 {
		s.Throttle = auth.DefaultThrottle()
	}
	if s.dummyHash, err = dummyHash(); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	for _, rt := range s.Routes() {
		mux.HandleFunc(rt.Method+" "+rt.Pattern, rt.handler)
	}
	mux.HandleFunc("/", s.notFound)
	s.handler = s.middleware(mux)
	return s, nil
}

// dummyHash is a password hash to verify against when a username is
// unknown, so that failed logins take as long whether or not the account
// exists. It is the same for every server of the process: computing an
// argon2id hash costs 20 ms and 20 MB.
var dummyHash = sync.OnceValues(func() (string, error) { return auth.HashPassword("not a real password") })

// Handler returns the server's root handler with all middleware.
func (s *Server) Handler() http.Handler { return s.handler }

// Routes lists every route the server answers, pages first, then the API.
func (s *Server) Routes() []Route {
	ui := func(method, pattern string, h http.HandlerFunc) Route {
		return Route{Method: method, Pattern: pattern, handler: h}
	}
	api := func(method, pattern string, h http.HandlerFunc) Route {
		return Route{Method: method, Pattern: pattern, API: true, handler: h}
	}
	pot := newPotential(s) // holds the analysis cache of these routes
	opp := newOpportunity(s)
	return []Route{
		ui("GET", "/{$}", s.home),
		ui("GET", "/regions", s.regionBrowser),
		ui("GET", "/regions/{code}", s.regionPage),
		ui("GET", "/regions/{code}/potential", pot.regionPotentialPage),
		ui("GET", "/regions/{code}/opportunities", opp.regionOpportunityPage),
		ui("GET", "/opportunities/clusters", opp.clustersPage),
		ui("GET", "/opportunities/clusters/export", opp.clustersExport),
		ui("GET", "/opportunities/network", opp.networkPage),
		ui("GET", "/opportunities/network/export", opp.networkExport),
		ui("GET", "/potential", pot.sectorPage),
		ui("GET", "/potential/export", pot.potentialExport),
		ui("GET", "/inequality", pot.inequalityPage),
		ui("GET", "/lang/{lang}", s.switchLang),
		ui("GET", "/static/{hash}/{path...}", s.static),
		ui("GET", "/favicon.ico", s.favicon),
		ui("GET", "/healthz", s.healthz),
		ui("GET", "/readyz", s.readyz),
		ui("GET", "/metrics", s.metrics.serve),
		ui("GET", "/login", s.loginForm),
		ui("POST", "/login", s.login),
		ui("POST", "/logout", s.logout),
		ui("POST", "/logout/all", s.logoutAll),
		ui("GET", "/account", s.accountPage),
		ui("POST", "/account", s.accountProfile),
		ui("POST", "/account/password", s.accountPassword),
		ui("POST", "/account/tokens", s.tokenCreate),
		ui("POST", "/account/tokens/{id}/revoke", s.tokenRevoke),
		ui("GET", "/users", s.usersPage),
		ui("GET", "/users/new", s.newUserPage),
		ui("POST", "/users", s.createUserPost),
		ui("GET", "/users/{id}", s.userPage),
		ui("POST", "/users/{id}", s.updateUserPost),
		ui("POST", "/users/{id}/password", s.resetPasswordPost),
		ui("GET", "/orgs", s.orgsPage),
		ui("POST", "/orgs", s.createOrgPost),
		ui("GET", "/audit", s.auditPage),
		ui("GET", "/guide", s.guide),
		ui("GET", "/inbox", s.inbox),
		ui("GET", "/params", s.paramsPage),
		ui("POST", "/params", s.paramsSave),
		ui("GET", "/holidays", s.holidaysPage),
		ui("POST", "/holidays", s.holidayAdd),
		ui("GET", "/econ/import", s.econImportPage),
		ui("POST", "/econ/import", s.econUpload),
		ui("POST", "/econ/import/confirm", s.econConfirm),
		ui("GET", "/geo/import", s.geoImportPage),
		ui("POST", "/geo/import", s.geoUpload),
		ui("POST", "/geo/import/confirm", s.geoConfirm),
		ui("GET", "/tkksd", s.desk),
		ui("GET", "/tkksd/meetings", s.meetingList),
		ui("GET", "/tkksd/meetings/new", s.meetingNew),
		ui("POST", "/tkksd/meetings", s.meetingCreate),
		ui("GET", "/tkksd/meetings/{id}", s.meetingPage),
		ui("POST", "/tkksd/meetings/{id}/record", s.meetingRecord),
		ui("POST", "/tkksd/meetings/{id}/plan", s.meetingPlan),
		ui("POST", "/tkksd/meetings/{id}/invitees", s.meetingInvite),
		ui("GET", "/tkksd/meetings/{id}/calendar.ics", s.meetingICS),
		ui("POST", "/tkksd/meetings/{id}/actions", s.actionCreate),
		ui("POST", "/tkksd/actions/{id}/status", s.actionStatus),
		ui("GET", "/tkksd/mapping", s.mappingPage),
		ui("POST", "/tkksd/mapping", s.mappingSave),
		ui("GET", "/tkksd/mapping/overview", s.mappingOverview),
		ui("GET", "/tkksd/team", s.teamPage),
		ui("POST", "/tkksd/team", s.teamSave),
		ui("GET", "/tkksd/team/{id}/decree", s.teamDecree),
		ui("POST", "/tkksd/handover", s.handover),
		ui("GET", "/cooperations", s.coopList),
		ui("GET", "/cooperations/export", s.coopExport),
		ui("GET", "/cooperations/new", s.coopNew),
		ui("POST", "/cooperations", s.coopCreate),
		ui("GET", "/cooperations/{id}", s.coopPage),
		ui("POST", "/cooperations/{id}", s.coopEdit),
		ui("GET", "/cooperations/{id}/act/{step}", s.coopStepForm),
		ui("POST", "/cooperations/{id}/act/{step}", s.coopStep),
		ui("POST", "/cooperations/{id}/documents", s.coopUpload),
		ui("POST", "/cooperations/{id}/considerations", s.coopConsider),
		ui("GET", "/cooperations/{id}/documents/{doc}", s.coopDownload),

		api("GET", "/api/v1/openapi.json", s.apiOpenAPI),
		api("GET", "/api/v1/regions", s.apiRegionList),
		api("GET", "/api/v1/regions/{code}", s.apiRegionGet),
		api("GET", "/api/v1/regions/{code}/geometry", s.apiRegionGeometry),
		api("GET", "/api/v1/regions/{code}/points", s.apiRegionPoints),
		api("GET", "/api/v1/regions/{code}/potential", pot.apiRegionPotential),
		api("GET", "/api/v1/regions/{code}/partners", opp.apiRegionPartners),
		api("GET", "/api/v1/regions/{code}/access", opp.apiRegionAccess),
		api("GET", "/api/v1/opportunities/clusters", opp.apiClusters),
		api("GET", "/api/v1/opportunities/clusters/geometry", opp.apiClustersGeometry),
		api("GET", "/api/v1/opportunities/network", opp.apiNetwork),
		api("GET", "/api/v1/opportunities/network/geometry", opp.apiNetworkGeometry),
		api("GET", "/api/v1/potential/sectors/{sector}", pot.apiSectorPotential),
		api("GET", "/api/v1/potential/sectors/{sector}/geometry", pot.apiSectorGeometry),
		api("GET", "/api/v1/inequality", pot.apiInequality),
		api("GET", "/api/v1/sectors", s.apiSectors),
		api("GET", "/api/v1/urusan", s.apiUrusan),
		api("GET", "/api/v1/me", s.apiMe),
		api("GET", "/api/v1/users", s.apiUserList),
		api("POST", "/api/v1/users", s.apiUserCreate),
		api("GET", "/api/v1/users/{id}", s.apiUserGet),
		api("PATCH", "/api/v1/users/{id}", s.apiUserUpdate),
		api("GET", "/api/v1/users/{id}/history", s.apiUserHistory),
		api("GET", "/api/v1/tokens", s.apiTokenList),
		api("POST", "/api/v1/tokens", s.apiTokenCreate),
		api("DELETE", "/api/v1/tokens/{id}", s.apiTokenRevoke),
		api("GET", "/api/v1/orgs", s.apiOrgList),
		api("POST", "/api/v1/orgs", s.apiOrgCreate),
		api("GET", "/api/v1/audit", s.apiAuditList),
		api("GET", "/api/v1/audit/verify", s.apiAuditVerify),
		api("GET", "/api/v1/cooperations", s.apiCoopList),
		api("POST", "/api/v1/cooperations", s.apiCoopCreate),
		api("GET", "/api/v1/cooperations/{id}", s.apiCoopGet),
		api("PATCH", "/api/v1/cooperations/{id}", s.apiCoopUpdate),
		api("GET", "/api/v1/cooperations/{id}/options", s.apiCoopOptions),
		api("POST", "/api/v1/cooperations/{id}/transitions/{step}", s.apiCoopStep),
		api("GET", "/api/v1/cooperations/{id}/events", s.apiCoopEvents),
		api("GET", "/api/v1/cooperations/{id}/documents", s.apiCoopDocs),
		api("POST", "/api/v1/cooperations/{id}/documents", s.apiCoopUpload),
		api("GET", "/api/v1/cooperations/{id}/documents/{doc}", s.coopDownload),
		api("GET", "/api/v1/cooperations/{id}/considerations", s.apiConsiderations),
		api("POST", "/api/v1/cooperations/{id}/considerations", s.apiConsider),
		api("GET", "/api/v1/tkksd/meetings", s.apiMeetingList),
		api("POST", "/api/v1/tkksd/meetings", s.apiMeetingCreate),
		api("GET", "/api/v1/tkksd/meetings/{id}", s.apiMeetingGet),
		api("PATCH", "/api/v1/tkksd/meetings/{id}", s.apiMeetingPlan),
		api("PUT", "/api/v1/tkksd/meetings/{id}/record", s.apiMeetingRecord),
		api("PATCH", "/api/v1/tkksd/meetings/{id}/invitees", s.apiMeetingInvite),
		api("POST", "/api/v1/tkksd/meetings/{id}/actions", s.apiActionCreate),
		api("PATCH", "/api/v1/tkksd/actions/{id}", s.apiActionUpdate),
		api("GET", "/api/v1/tkksd/mapping", s.apiMappingOverview),
		api("GET", "/api/v1/tkksd/mapping/{code}", s.apiMappingGet),
		api("PUT", "/api/v1/tkksd/mapping/{code}", s.apiMappingPut),
		api("GET", "/api/v1/holidays", s.apiHolidays),
		api("POST", "/api/v1/holidays", s.apiHolidayAdd),
		api("DELETE", "/api/v1/holidays/{date}", s.apiHolidayDelete),
		api("GET", "/api/v1/params", s.apiParams),
		api("POST", "/api/v1/params", s.apiParamSave),
	}
}
