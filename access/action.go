package access

// Action is something an actor does to a resource. Each action has one rule
// in the policy table below; Authorize reads the table and nothing else, so
// the whole permission model is reviewable on one screen.
//
// Adding an action (the cooperation issue will add, for example,
// CreateCooperation, EditCooperation, TransitionCooperation and
// UploadDocument) takes three steps: declare the constant here, give it a
// rule in policy, and add its rows to the expected matrix in
// authorize_test.go, which fails until every action has them. Rules that
// depend on the object's state (a cooperation's stage) belong in that
// domain's guards, called after Authorize, not in this table.
type Action string

const (
	ViewRegion       Action = "view_region"        // the region reference: public
	ViewUser         Action = "view_user"          // another user's account
	ManageUser       Action = "manage_user"        // create, update, disable, reset the password of another user
	ViewAudit        Action = "view_audit"         // an object's history
	VerifyAudit      Action = "verify_audit"       // check the audit chain
	ManageOwnAccount Action = "manage_own_account" // own profile, password, language, API tokens, logout everywhere
	ViewOrg          Action = "view_org"           // third-party organisations
	ManageOrg        Action = "manage_org"         // create, update, disable them

	// Cooperation. Which party may take which step of the lifecycle is the
	// cooperation package's transition table; these only say which roles
	// take part at all.
	ViewCooperation       Action = "view_cooperation"       // its page: in scope, or published
	CreateCooperation     Action = "create_cooperation"     // start one for the actor's own region
	EditCooperation       Action = "edit_cooperation"       // change its draft fields while in preparation
	TransitionCooperation Action = "transition_cooperation" // take a step of its lifecycle
	UploadDocument        Action = "upload_document"        // add a document version
	ViewDocument          Action = "view_document"          // download its documents (never the public)
	ManageCalendar        Action = "manage_calendar"        // add or cancel holidays
	ManageParams          Action = "manage_params"          // regulation parameter versions
	ImportData            Action = "import_data"            // BPS tables and other reference data

	// The TKKSD workspace. Who hosts a meeting and who works an action
	// depends on the object (host, invited regions, owner region): those
	// rules are package tkksd's, checked after these.
	ViewTKKSD   Action = "view_tkksd"   // a team, its meetings, actions, mapping and desk
	ManageTKKSD Action = "manage_tkksd" // record the team, mapping, meetings, attendance, minutes and actions
)

// Actions lists every action, for tests and documentation.
var Actions = []Action{
	ViewRegion, ViewUser, ManageUser, ViewAudit, VerifyAudit,
	ManageOwnAccount, ViewOrg, ManageOrg,
	ViewCooperation, CreateCooperation, EditCooperation, TransitionCooperation,
	UploadDocument, ViewDocument, ManageCalendar, ManageParams, ImportData,
	ViewTKKSD, ManageTKKSD,
}

// rule says who may do an action to a resource they can see (Visible).
type rule struct {
	public bool   // anyone, the anonymous public included
	roles  []Role // these roles, on any visible resource
	owner  bool   // the resource's owner, whatever his role
	// notOwn refuses the action on the actor's own resource even to the
	// roles above.
	notOwn bool
	// reveal: for owner actions, the roles that get "forbidden" rather than
	// "not found" on someone else's visible resource.
	reveal []Role
}

var (
	admins           = []Role{NationalAdmin, ProvinceAdmin, RegencyAdmin}
	adminsAndAnalyst = []Role{NationalAdmin, NationalAnalyst, ProvinceAdmin, RegencyAdmin}
	// tkksd are the regional teams' working roles: they prepare cooperation.
	tkksd = []Role{ProvinceAdmin, ProvinceMember, RegencyAdmin, RegencyMember}
	// actors take lifecycle steps: the teams, third parties for their own
	// organisation, and the ministry for its steps (takeover, foreign).
	actors   = []Role{NationalAdmin, ProvinceAdmin, ProvinceMember, RegencyAdmin, RegencyMember, ThirdParty}
	signedIn = []Role{NationalAdmin, NationalAnalyst, ProvinceAdmin, ProvinceMember, ProvinceViewer,
		RegencyAdmin, RegencyMember, RegencyViewer, ThirdParty}
)

// policy is the permission table. Visibility (scope, organisation,
// ownership, publication) is checked before it, so "admins" here means "an
// administrator whose scope covers the object".
var policy = map[Action]rule{
	ViewRegion:       {public: true},
	ViewUser:         {roles: adminsAndAnalyst},
	ManageUser:       {roles: admins, notOwn: true},
	ViewAudit:        {roles: adminsAndAnalyst},
	VerifyAudit:      {roles: []Role{NationalAdmin}},
	ManageOwnAccount: {owner: true, reveal: admins},
	ViewOrg:          {roles: admins},
	ManageOrg:        {roles: admins},

	ViewCooperation:       {public: true},
	CreateCooperation:     {roles: tkksd},
	EditCooperation:       {roles: tkksd},
	TransitionCooperation: {roles: actors},
	UploadDocument:        {roles: actors},
	ViewDocument:          {roles: signedIn},
	ManageCalendar:        {roles: []Role{NationalAdmin}},
	ManageParams:          {roles: []Role{NationalAdmin}},
	ImportData:            {roles: []Role{NationalAdmin}},

	// The teams read their own and (provinces) their regencies' work; the
	// ministry reads all and, as national administrator, holds assistance
	// meetings. Viewers and analysts read; third parties are not members.
	ViewTKKSD:   {roles: []Role{NationalAdmin, NationalAnalyst, ProvinceAdmin, ProvinceMember, ProvinceViewer, RegencyAdmin, RegencyMember, RegencyViewer}},
	ManageTKKSD: {roles: []Role{NationalAdmin, ProvinceAdmin, ProvinceMember, RegencyAdmin, RegencyMember}},
}
