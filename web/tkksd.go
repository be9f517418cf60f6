package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/tkksd"
	"github.com/jalin-ksd/jalin/workday"
)

// TKKSDStore keeps the TKKSD workspace: teams, meetings, actions and the
// mapping of affairs; *sqlstore.DB provides it.
type TKKSDStore interface {
	SetTeam(ctx context.Context, scope access.Scope, t tkksd.Team, currentVersion int64, meta sqlstore.AuditMeta) (tkksd.Team, error)
	Teams(ctx context.Context, scope access.Scope, region string) ([]tkksd.Team, error)
	TeamByID(ctx context.Context, scope access.Scope, id int64) (tkksd.Team, error)
	TeamRegions(ctx context.Context, scope access.Scope) (map[string]bool, error)

	CreateMeeting(ctx context.Context, m tkksd.Meeting, meta sqlstore.AuditMeta) (tkksd.Meeting, error)
	GetMeeting(ctx context.Context, scope access.Scope, id int64) (tkksd.Meeting, error)
	UpdateMeeting(ctx context.Context, scope access.Scope, id, version int64, what string, change func(m *tkksd.Meeting) error, meta sqlstore.AuditMeta) (tkksd.Meeting, error)
	Meetings(ctx context.Context, scope access.Scope, from, to time.Time, limit int) ([]tkksd.Meeting, error)

	AddAction(ctx context.Context, scope access.Scope, meetingID int64, x tkksd.Action, check func(m tkksd.Meeting) error, meta sqlstore.AuditMeta) (tkksd.Action, error)
	Actions(ctx context.Context, scope access.Scope, f sqlstore.ActionFilter) ([]tkksd.Action, error)
	GetAction(ctx context.Context, scope access.Scope, id int64) (tkksd.Action, tkksd.Meeting, error)
	UpdateAction(ctx context.Context, scope access.Scope, id, version int64, what string, change func(x *tkksd.Action, m tkksd.Meeting) error, meta sqlstore.AuditMeta) (tkksd.Action, error)
	HandOver(ctx context.Context, scope access.Scope, region string, from, to int64, toName, reason string, meta sqlstore.AuditMeta) (sqlstore.Handover, error)
	Handovers(ctx context.Context, scope access.Scope, region string) ([]sqlstore.Handover, error)

	GetMapping(ctx context.Context, scope access.Scope, region string) (sqlstore.Mapping, error)
	SaveMapping(ctx context.Context, scope access.Scope, region string, version int64, entries []tkksd.MappingEntry, submit bool, meta sqlstore.AuditMeta) (sqlstore.Mapping, error)
	MappingOverview(ctx context.Context, scope access.Scope) ([]sqlstore.MappingStatus, []tkksd.MappingEntry, error)
	MappedUrusan(ctx context.Context, regions []string) (map[string]map[string]bool, error)

	AddConsideration(ctx context.Context, scope access.Scope, c tkksd.Consideration, meta sqlstore.AuditMeta) (tkksd.Consideration, error)
	Considerations(ctx context.Context, scope access.Scope, id int64) ([]tkksd.Consideration, error)

	CoopStageCounts(ctx context.Context, scope access.Scope) (map[cooperation.Stage]int, error)
	ActivityByRegion(ctx context.Context, scope access.Scope, today workday.Date, since time.Time) (map[string]sqlstore.RegionActivity, error)
}

// pathID parses the {name} path value as a positive id; anything else is
// "not found", like an id that does not exist.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, &jalin.Error{Code: jalin.ENotFound, Msg: jalin.ErrNotFound.Msg, Err: jalin.ErrNotFound}
	}
	return id, nil
}

// forbidden is the refusal of a TKKSD rule that depends on the object (who
// hosts a meeting, who owns an action), after access.Authorize allowed the
// action in general.
func forbidden() error {
	return &jalin.Error{Code: jalin.EForbidden, Msg: "access.forbidden"}
}
