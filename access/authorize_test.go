package access

import (
	"errors"
	"testing"

	"github.com/jalin-ksd/jalin"
)

// The actors of the matrices: every role at a home region (province "32",
// regency/city "32.73"), a third party of organisation 7, and the public.
var matrixActors = []struct {
	name  string
	actor Actor
}{
	{"national_admin", Actor{UserID: 1, Role: NationalAdmin}},
	{"national_analyst", Actor{UserID: 2, Role: NationalAnalyst}},
	{"province_admin", Actor{UserID: 3, Role: ProvinceAdmin, Region: "32"}},
	{"province_member", Actor{UserID: 4, Role: ProvinceMember, Region: "32"}},
	{"province_viewer", Actor{UserID: 5, Role: ProvinceViewer, Region: "32"}},
	{"regency_admin", Actor{UserID: 6, Role: RegencyAdmin, Region: "32.73"}},
	{"regency_member", Actor{UserID: 7, Role: RegencyMember, Region: "32.73"}},
	{"regency_viewer", Actor{UserID: 8, Role: RegencyViewer, Region: "32.73"}},
	{"third_party", Actor{UserID: 9, Role: ThirdParty, Region: "32.73", OrgID: 7}},
	{"anonymous", Anonymous},
}

// The columns of the Authorize matrix, in order. "own" belongs to the actor
// in the row (for the public, OwnerID 0: nobody's).
var matrixResources = []struct {
	name string
	res  func(a Actor) Resource
}{
	{"own", func(a Actor) Resource { return Resource{Kind: KindUser, OwnerID: a.UserID} }},
	{"published", fix(Resource{Published: true, Regions: []string{"35"}})},
	{"national", fix(Resource{Kind: KindUser, OwnerID: 100})},
	{"prov 32", fix(Resource{Regions: []string{"32"}, OwnerID: 101})},
	{"reg 32.73", fix(Resource{Regions: []string{"32.73"}, OwnerID: 102})},
	{"dist 32.73.01", fix(Resource{Regions: []string{"32.73.01"}})},
	{"reg 32.04", fix(Resource{Regions: []string{"32.04"}})},
	{"prov 35", fix(Resource{Regions: []string{"35"}})},
	{"reg 35.78", fix(Resource{Regions: []string{"35.78"}})},
	{"35.78+32.73", fix(Resource{Regions: []string{"35.78", "32.73"}})},
	{"320, 32.730", fix(Resource{Regions: []string{"320", "32.730", ""}})}, // 32.730 is under 32. but not 32.73
	{"org 7 in 35.78", fix(Resource{OrgIDs: []int64{7}, Regions: []string{"35.78"}})},
	{"org 8 in 32.73", fix(Resource{OrgIDs: []int64{8}, Regions: []string{"32.73"}})},
}

func fix(r Resource) func(Actor) Resource { return func(Actor) Resource { return r } }

// authorizeMatrix holds the expected answer of Authorize per actor, action
// and resource column: '.' allowed, 'N' not found, 'F' forbidden, 'U'
// unauthorized. It is written out by hand from the product rules.
//
//	columns: own, published, national, prov 32, reg 32.73, dist 32.73.01,
//	reg 32.04, prov 35, reg 35.78, 35.78+32.73, 320/32.730, org 7, org 8
var authorizeMatrix = map[string]map[Action]string{
	"national_admin": {
		ViewRegion:            ".............",
		ViewUser:              ".............",
		ManageUser:            "F............",
		ViewAudit:             ".............",
		VerifyAudit:           ".............",
		ManageOwnAccount:      ".FFFFFFFFFFFF",
		ViewOrg:               ".............",
		ManageOrg:             ".............",
		ViewCooperation:       ".............",
		CreateCooperation:     "FFFFFFFFFFFFF",
		EditCooperation:       "FFFFFFFFFFFFF",
		TransitionCooperation: ".............",
		UploadDocument:        ".............",
		ViewDocument:          ".............",
		ManageCalendar:        ".............",
		ManageParams:          ".............",
		ImportData:            ".............",
		ViewTKKSD:             ".............",
		ManageTKKSD:           ".............",
	},
	"national_analyst": {
		ViewRegion:            ".............",
		ViewUser:              ".............",
		ManageUser:            "FFFFFFFFFFFFF",
		ViewAudit:             ".............",
		VerifyAudit:           "FFFFFFFFFFFFF",
		ManageOwnAccount:      ".NNNNNNNNNNNN",
		ViewOrg:               "FFFFFFFFFFFFF",
		ManageOrg:             "FFFFFFFFFFFFF",
		ViewCooperation:       ".............",
		CreateCooperation:     "FFFFFFFFFFFFF",
		EditCooperation:       "FFFFFFFFFFFFF",
		TransitionCooperation: "FFFFFFFFFFFFF",
		UploadDocument:        "FFFFFFFFFFFFF",
		ViewDocument:          ".............",
		ManageCalendar:        "FFFFFFFFFFFFF",
		ManageParams:          "FFFFFFFFFFFFF",
		ImportData:            "FFFFFFFFFFFFF",
		ViewTKKSD:             ".............",
		ManageTKKSD:           "FFFFFFFFFFFFF",
	},
	"province_admin": {
		ViewRegion:            "..N....NN..N.",
		ViewUser:              "..N....NN..N.",
		ManageUser:            "F.N....NN..N.",
		ViewAudit:             "..N....NN..N.",
		VerifyAudit:           "FFNFFFFNNFFNF",
		ManageOwnAccount:      ".FNFFFFNNFFNF",
		ViewOrg:               "..N....NN..N.",
		ManageOrg:             "..N....NN..N.",
		ViewCooperation:       "..N....NN..N.",
		CreateCooperation:     "..N....NN..N.",
		EditCooperation:       "..N....NN..N.",
		TransitionCooperation: "..N....NN..N.",
		UploadDocument:        "..N....NN..N.",
		ViewDocument:          "..N....NN..N.",
		ManageCalendar:        "FFNFFFFNNFFNF",
		ManageParams:          "FFNFFFFNNFFNF",
		ImportData:            "FFNFFFFNNFFNF",
		ViewTKKSD:             "..N....NN..N.",
		ManageTKKSD:           "..N....NN..N.",
	},
	"province_member": {
		ViewRegion:            "..N....NN..N.",
		ViewUser:              "FFNFFFFNNFFNF",
		ManageUser:            "FFNFFFFNNFFNF",
		ViewAudit:             "FFNFFFFNNFFNF",
		VerifyAudit:           "FFNFFFFNNFFNF",
		ManageOwnAccount:      ".NNNNNNNNNNNN",
		ViewOrg:               "FFNFFFFNNFFNF",
		ManageOrg:             "FFNFFFFNNFFNF",
		ViewCooperation:       "..N....NN..N.",
		CreateCooperation:     "..N....NN..N.",
		EditCooperation:       "..N....NN..N.",
		TransitionCooperation: "..N....NN..N.",
		UploadDocument:        "..N....NN..N.",
		ViewDocument:          "..N....NN..N.",
		ManageCalendar:        "FFNFFFFNNFFNF",
		ManageParams:          "FFNFFFFNNFFNF",
		ImportData:            "FFNFFFFNNFFNF",
		ViewTKKSD:             "..N....NN..N.",
		ManageTKKSD:           "..N....NN..N.",
	},
	"province_viewer": {
		ViewRegion:            "..N....NN..N.",
		ViewUser:              "FFNFFFFNNFFNF",
		ManageUser:            "FFNFFFFNNFFNF",
		ViewAudit:             "FFNFFFFNNFFNF",
		VerifyAudit:           "FFNFFFFNNFFNF",
		ManageOwnAccount:      ".NNNNNNNNNNNN",
		ViewOrg:               "FFNFFFFNNFFNF",
		ManageOrg:             "FFNFFFFNNFFNF",
		ViewCooperation:       "..N....NN..N.",
		CreateCooperation:     "FFNFFFFNNFFNF",
		EditCooperation:       "FFNFFFFNNFFNF",
		TransitionCooperation: "FFNFFFFNNFFNF",
		UploadDocument:        "FFNFFFFNNFFNF",
		ViewDocument:          "..N....NN..N.",
		ManageCalendar:        "FFNFFFFNNFFNF",
		ManageParams:          "FFNFFFFNNFFNF",
		ImportData:            "FFNFFFFNNFFNF",
		ViewTKKSD:             "..N....NN..N.",
		ManageTKKSD:           "FFNFFFFNNFFNF",
	},
	"regency_admin": {
		ViewRegion:            "..NN..NNN.NN.",
		ViewUser:              "..NN..NNN.NN.",
		ManageUser:            "F.NN..NNN.NN.",
		ViewAudit:             "..NN..NNN.NN.",
		VerifyAudit:           "FFNNFFNNNFNNF",
		ManageOwnAccount:      ".FNNFFNNNFNNF",
		ViewOrg:               "..NN..NNN.NN.",
		ManageOrg:             "..NN..NNN.NN.",
		ViewCooperation:       "..NN..NNN.NN.",
		CreateCooperation:     "..NN..NNN.NN.",
		EditCooperation:       "..NN..NNN.NN.",
		TransitionCooperation: "..NN..NNN.NN.",
		UploadDocument:        "..NN..NNN.NN.",
		ViewDocument:          "..NN..NNN.NN.",
		ManageCalendar:        "FFNNFFNNNFNNF",
		ManageParams:          "FFNNFFNNNFNNF",
		ImportData:            "FFNNFFNNNFNNF",
		ViewTKKSD:             "..NN..NNN.NN.",
		ManageTKKSD:           "..NN..NNN.NN.",
	},
	"regency_member": {
		ViewRegion:            "..NN..NNN.NN.",
		ViewUser:              "FFNNFFNNNFNNF",
		ManageUser:            "FFNNFFNNNFNNF",
		ViewAudit:             "FFNNFFNNNFNNF",
		VerifyAudit:           "FFNNFFNNNFNNF",
		ManageOwnAccount:      ".NNNNNNNNNNNN",
		ViewOrg:               "FFNNFFNNNFNNF",
		ManageOrg:             "FFNNFFNNNFNNF",
		ViewCooperation:       "..NN..NNN.NN.",
		CreateCooperation:     "..NN..NNN.NN.",
		EditCooperation:       "..NN..NNN.NN.",
		TransitionCooperation: "..NN..NNN.NN.",
		UploadDocument:        "..NN..NNN.NN.",
		ViewDocument:          "..NN..NNN.NN.",
		ManageCalendar:        "FFNNFFNNNFNNF",
		ManageParams:          "FFNNFFNNNFNNF",
		ImportData:            "FFNNFFNNNFNNF",
		ViewTKKSD:             "..NN..NNN.NN.",
		ManageTKKSD:           "..NN..NNN.NN.",
	},
	"regency_viewer": {
		ViewRegion:            "..NN..NNN.NN.",
		ViewUser:              "FFNNFFNNNFNNF",
		ManageUser:            "FFNNFFNNNFNNF",
		ViewAudit:             "FFNNFFNNNFNNF",
		VerifyAudit:           "FFNNFFNNNFNNF",
		ManageOwnAccount:      ".NNNNNNNNNNNN",
		ViewOrg:               "FFNNFFNNNFNNF",
		ManageOrg:             "FFNNFFNNNFNNF",
		ViewCooperation:       "..NN..NNN.NN.",
		CreateCooperation:     "FFNNFFNNNFNNF",
		EditCooperation:       "FFNNFFNNNFNNF",
		TransitionCooperation: "FFNNFFNNNFNNF",
		UploadDocument:        "FFNNFFNNNFNNF",
		ViewDocument:          "..NN..NNN.NN.",
		ManageCalendar:        "FFNNFFNNNFNNF",
		ManageParams:          "FFNNFFNNNFNNF",
		ImportData:            "FFNNFFNNNFNNF",
		ViewTKKSD:             "..NN..NNN.NN.",
		ManageTKKSD:           "FFNNFFNNNFNNF",
	},
	"third_party": {
		ViewRegion:            "..NNNNNNNNN.N",
		ViewUser:              "FFNNNNNNNNNFN",
		ManageUser:            "FFNNNNNNNNNFN",
		ViewAudit:             "FFNNNNNNNNNFN",
		VerifyAudit:           "FFNNNNNNNNNFN",
		ManageOwnAccount:      ".NNNNNNNNNNNN",
		ViewOrg:               "FFNNNNNNNNNFN",
		ManageOrg:             "FFNNNNNNNNNFN",
		ViewCooperation:       "..NNNNNNNNN.N",
		CreateCooperation:     "FFNNNNNNNNNFN",
		EditCooperation:       "FFNNNNNNNNNFN",
		TransitionCooperation: "..NNNNNNNNN.N",
		UploadDocument:        "..NNNNNNNNN.N",
		ViewDocument:          "..NNNNNNNNN.N",
		ManageCalendar:        "FFNNNNNNNNNFN",
		ManageParams:          "FFNNNNNNNNNFN",
		ImportData:            "FFNNNNNNNNNFN",
		ViewTKKSD:             "FFNNNNNNNNNFN",
		ManageTKKSD:           "FFNNNNNNNNNFN",
	},
	"anonymous": {
		ViewRegion:            "N.NNNNNNNNNNN",
		ViewUser:              "UUUUUUUUUUUUU",
		ManageUser:            "UUUUUUUUUUUUU",
		ViewAudit:             "UUUUUUUUUUUUU",
		VerifyAudit:           "UUUUUUUUUUUUU",
		ManageOwnAccount:      "UUUUUUUUUUUUU",
		ViewOrg:               "UUUUUUUUUUUUU",
		ManageOrg:             "UUUUUUUUUUUUU",
		ViewCooperation:       "N.NNNNNNNNNNN",
		CreateCooperation:     "UUUUUUUUUUUUU",
		EditCooperation:       "UUUUUUUUUUUUU",
		TransitionCooperation: "UUUUUUUUUUUUU",
		UploadDocument:        "UUUUUUUUUUUUU",
		ViewDocument:          "UUUUUUUUUUUUU",
		ManageCalendar:        "UUUUUUUUUUUUU",
		ManageParams:          "UUUUUUUUUUUUU",
		ImportData:            "UUUUUUUUUUUUU",
		ViewTKKSD:             "UUUUUUUUUUUUU",
		ManageTKKSD:           "UUUUUUUUUUUUU",
	},
}

// outcome reduces an Authorize result to a matrix letter, checking the
// message key and the not-found sentinel on the way.
func outcome(t *testing.T, err error) byte {
	t.Helper()
	if err == nil {
		return '.'
	}
	var e *jalin.Error
	if !errors.As(err, &e) {
		t.Fatalf("not a *jalin.Error: %v", err)
	}
	want := map[jalin.Code]string{
		jalin.ENotFound:     "error.not_found",
		jalin.EForbidden:    "access.forbidden",
		jalin.EUnauthorized: "access.login_required",
	}[e.Code]
	if e.Msg != want {
		t.Errorf("%v: message %q, want %q", err, e.Msg, want)
	}
	switch e.Code {
	case jalin.ENotFound:
		if !errors.Is(err, jalin.ErrNotFound) {
			t.Errorf("%v does not wrap jalin.ErrNotFound", err)
		}
		return 'N'
	case jalin.EForbidden:
		return 'F'
	case jalin.EUnauthorized:
		return 'U'
	}
	t.Fatalf("unexpected code: %v", err)
	return 0
}

func TestAuthorizeMatrix(t *testing.T) {
	for _, ac := range matrixActors {
		rows, ok := authorizeMatrix[ac.name]
		if !ok {
			t.Fatalf("no rows for %s", ac.name)
		}
		for _, act := range Actions {
			want, ok := rows[act]
			if !ok || len(want) != len(matrixResources) {
				t.Fatalf("%s/%s: row missing or not %d long", ac.name, act, len(matrixResources))
			}
			for i, rc := range matrixResources {
				got := outcome(t, Authorize(ac.actor, act, rc.res(ac.actor)))
				if got != want[i] {
					t.Errorf("%s %s %s: got %c, want %c", ac.name, act, rc.name, got, want[i])
				}
			}
		}
	}
	if len(authorizeMatrix) != len(matrixActors) || len(policy) != len(Actions) {
		t.Errorf("matrix, actors, policy and Actions are out of step")
	}
}

func TestAuthorizeUnknownAction(t *testing.T) {
	err := Authorize(matrixActors[0].actor, "launch_rockets", Resource{})
	if jalin.ErrorCode(err) != jalin.EInternal {
		t.Errorf("unknown action: %v, want internal", err)
	}
}

// Actors whose stored scope does not fit their role must see nothing but
// their own and published objects.
func TestAuthorizeBrokenActors(t *testing.T) {
	broken := []Actor{
		{UserID: 20, Role: ProvinceAdmin},                  // no region: must not cover all
		{UserID: 21, Role: ProvinceAdmin, Region: "32.73"}, // regency code
		{UserID: 22, Role: RegencyAdmin, Region: "32"},     // province code
		{UserID: 23, Role: NationalAnalyst, Region: "32"},  // national with a region
		{UserID: 24, Role: ThirdParty, Region: "32.73"},    // no organisation
		{UserID: 25, Role: "superuser"},                    // unknown role
		{UserID: 0, Role: NationalAdmin},                   // no user: the public
	}
	for _, a := range broken {
		if a.Scope() != (Scope{}) && a.Scope() != (Scope{PublicOnly: true}) {
			t.Errorf("%+v: scope %+v, want nothing", a, a.Scope())
		}
		for _, rc := range matrixResources[2:] {
			r := rc.res(a)
			if r.Published {
				continue
			}
			if Visible(a, r) {
				t.Errorf("%+v sees %s", a, rc.name)
			}
			for _, act := range Actions {
				if c := jalin.ErrorCode(Authorize(a, act, r)); c != jalin.ENotFound && c != jalin.EUnauthorized {
					t.Errorf("%+v %s %s: %s, want not found or unauthorized", a, act, rc.name, c)
				}
			}
		}
	}
}

func TestUserResource(t *testing.T) {
	natAnalyst := UserResource(50, NationalAnalyst, "", 0)
	third := UserResource(51, ThirdParty, "32.73", 7)
	member := UserResource(52, RegencyMember, "32.73", 0)
	provAdmin := Actor{UserID: 3, Role: ProvinceAdmin, Region: "32"}
	regAdmin := Actor{UserID: 6, Role: RegencyAdmin, Region: "32.04"}
	colleague := Actor{UserID: 60, Role: ThirdParty, Region: "35", OrgID: 7}
	for _, c := range []struct {
		a    Actor
		r    Resource
		want jalin.Code
	}{
		{provAdmin, natAnalyst, jalin.ENotFound},
		{provAdmin, third, ""},
		{provAdmin, member, ""},
		{regAdmin, member, jalin.ENotFound}, // neighbouring regency
		{regAdmin, third, jalin.ENotFound},
		{colleague, third, jalin.EForbidden}, // same organisation: sees, may not manage
		{Actor{UserID: 52, Role: RegencyMember, Region: "32.73"}, member, jalin.EForbidden},
	} {
		if got := jalin.ErrorCode(Authorize(c.a, ManageUser, c.r)); got != c.want {
			t.Errorf("%+v manage %+v: %q, want %q", c.a, c.r, got, c.want)
		}
	}
}
