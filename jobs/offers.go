package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/workday"
)

// RunOffers looks at every cooperation in penawaran at time now. Once the
// partners' answer deadline (the offer_answer_deadline send_offer started)
// has passed, it lapses the offer (lapse_offer: penawaran → ditolak, as
// System) and tells the initiating region ("offer_lapsed"). Before that, it
// tells each partner region that has not answered that an offer awaits it
// ("offer_received"), and, from offer_reminder_before working days before
// the due date, that its answer is due soon ("answer_due_soon"); each once
// per offer, party and due date.
func RunOffers(ctx context.Context, d Deps, now time.Time) (Report, error) {
	var rep Report
	r, err := d.rules(ctx)
	if err != nil {
		return rep, err
	}
	list, err := stageIDs(ctx, d.DB, cooperation.Penawaran, nil)
	if err != nil {
		return rep, err
	}
	today := workday.DateOf(now)
	for _, s := range list {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		c, err := d.DB.GetCooperation(ctx, all, s.ID)
		if gone(err) {
			continue
		}
		if err != nil {
			return rep, err
		}
		dl, ok := c.OfferDeadline()
		if c.Stage != cooperation.Penawaran || !ok {
			continue
		}
		rep.Checked++
		if today.After(dl.Due) {
			err = d.lapseOffer(ctx, &rep, r, c, dl, now)
		} else {
			err = d.remindPartners(ctx, &rep, r, c, dl, today)
		}
		if err != nil {
			return rep, err
		}
	}
	rep.log(d, KindOffers)
	return rep, nil
}

func (d Deps) lapseOffer(ctx context.Context, rep *Report, r rules, c cooperation.Cooperation,
	dl cooperation.Deadline, now time.Time) error {
	done, err := d.apply(ctx, r, c, cooperation.LapseOffer, cooperation.Input{}, now)
	if err != nil || !done {
		rep.Skipped++
		return err
	}
	rep.Changed++
	home := homeRegion(c)
	if home == "" {
		return nil
	}
	// A separate transaction from the lapse: should the process stop
	// between the two, the offer is lapsed without this notice.
	return d.notify(ctx, rep, sqlstore.Notification{
		Region: home, CooperationID: c.ID, Kind: sqlstore.NotifyOfferLapsed,
		MessageKey: "notification.offer_lapsed", Args: []string{c.Title, dl.Due.String()},
		DedupeKey: fmt.Sprintf("offer_lapsed:%d:%s:%s", c.ID, home, dl.Due),
	})
}

// remindPartners notifies the partner regions still to answer c.
func (d Deps) remindPartners(ctx context.Context, rep *Report, r rules, c cooperation.Cooperation,
	dl cooperation.Deadline, today workday.Date) error {
	before := cooperation.ParamsOf(r.versions, c, today).Int(cooperation.POfferReminder)
	dueSoon := !today.Before(r.cal.AddWorkdays(dl.Due, -before))
	home := homeRegion(c)
	for _, p := range c.Parties {
		if p.Kind != cooperation.PartyRegion || p.Region == home || p.Answer != cooperation.AnswerPending {
			continue
		}
		err := d.notify(ctx, rep, sqlstore.Notification{
			Region: p.Region, CooperationID: c.ID, Kind: sqlstore.NotifyOfferReceived,
			MessageKey: "notification.offer_received", Args: []string{c.Title, dl.Due.String()},
			DedupeKey: fmt.Sprintf("offer_received:%d:%s:%s", c.ID, p.Key(), dl.Start),
		})
		if err != nil {
			return err
		}
		if !dueSoon {
			continue
		}
		err = d.notify(ctx, rep, sqlstore.Notification{
			Region: p.Region, CooperationID: c.ID, Kind: sqlstore.NotifyAnswerDueSoon,
			MessageKey: "notification.answer_due_soon", Args: []string{c.Title, dl.Due.String()},
			DedupeKey: fmt.Sprintf("answer_due_soon:%d:%s:%s", c.ID, p.Key(), dl.Due),
		})
		if err != nil {
			return err
		}
	}
	return nil
}
