package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/tkksd"
	"github.com/jalin-ksd/jalin/workday"
)

// actionFromForm reads a new follow-up action.
func actionFromForm(r *http.Request) (tkksd.Action, error) {
	x := tkksd.Action{Title: r.PostFormValue("title"), OwnerRegion: r.PostFormValue("owner_region"),
		OwnerName: r.PostFormValue("owner_name")}
	var err error
	if v := strings.TrimSpace(r.PostFormValue("due_date")); v != "" {
		if x.Due, err = workday.ParseDate(v); err != nil {
			return x, jalin.Invalid("due_date", "tkksd.date_invalid")
		}
	}
	if v := strings.TrimSpace(r.PostFormValue("cooperation_id")); v != "" {
		if x.CooperationID, err = strconv.ParseInt(v, 10, 64); err != nil || x.CooperationID <= 0 {
			return x, jalin.Invalid("cooperation_id", "tkksd.cooperation_unknown")
		}
	}
	if v := strings.TrimSpace(r.PostFormValue("owner_user_id")); v != "" {
		if x.OwnerUserID, err = strconv.ParseInt(v, 10, 64); err != nil || x.OwnerUserID <= 0 {
			return x, jalin.Invalid("owner_user_id", "tkksd.owner_user_unknown")
		}
	}
	return x, nil
}

// addAction stores a follow-up action of meeting id if the actor runs it.
func (s *Server) addAction(r *http.Request, meetingID int64, x tkksd.Action) (tkksd.Action, error) {
	a := info(r).Actor
	return s.TKKSD.AddAction(r.Context(), a.Scope(), meetingID, x, func(m tkksd.Meeting) error {
		if err := access.Authorize(a, access.ManageTKKSD, m.Resource()); err != nil {
			return err
		}
		if !tkksd.CanManage(a, m) {
			return forbidden()
		}
		return nil
	}, meta(r))
}

func (s *Server) actionCreate(w http.ResponseWriter, r *http.Request) {
	m, ok := s.meetingToManage(w, r)
	if !ok {
		return
	}
	x, err := actionFromForm(r)
	if err == nil {
		_, err = s.addAction(r, m.ID, x)
	}
	if err != nil {
		s.formFail(w, r, err, func(errs map[string]string) {
			for k, v := range errs {
				delete(errs, k)
				errs["action."+k] = v
			}
			s.renderMeeting(w, r, statusOfErr(err), nil, errs)
		})
		return
	}
	http.Redirect(w, r, "/tkksd/meetings/"+idOf(m.ID)+"#actions", http.StatusSeeOther)
}

// setActionStatus changes action id's status if the actor works it (its
// owner region's team or the meeting's host).
func (s *Server) setActionStatus(r *http.Request, id, version int64, to tkksd.Status, note string) (tkksd.Action, error) {
	a := info(r).Actor
	return s.TKKSD.UpdateAction(r.Context(), a.Scope(), id, version, "status", func(x *tkksd.Action, m tkksd.Meeting) error {
		if err := access.Authorize(a, access.ManageTKKSD, access.Resource{Kind: "tkksd_action",
			Regions: append(m.Regions(), x.OwnerRegion)}); err != nil {
			return err
		}
		if !tkksd.CanWork(a, *x, m) {
			return forbidden()
		}
		return x.SetStatus(to, note, s.now())
	}, meta(r))
}

func (s *Server) actionStatus(w http.ResponseWriter, r *http.Request) {
	if !s.tkksdOn(w, r) {
		return
	}
	a := info(r).Actor
	if a.IsAnonymous() && !s.requireUser(w, r) {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	x, err := s.setActionStatus(r, id, version, tkksd.Status(r.PostFormValue("status")), r.PostFormValue("note"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	next := safeNext(r.PostFormValue("next"))
	if next == "/" {
		next = "/tkksd/meetings/" + idOf(x.MeetingID) + "#actions"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}
