package cycle

import (
	"context"

	"chiso/data/catalog"
	"chiso/data/replica"
	"chiso/data/store"
)

// Take takes a step of the reporting cycle on this computer, if its
// office may: submit (the office of the area), return with a remark,
// approve, reopen (which lets the changes kept aside count) or dismiss
// changes kept aside (an office above the area). The step is recorded,
// logged and sent at the next sync.
func Take(ctx context.Context, st *store.Store, cat *catalog.Catalog, f store.Form, step store.Action, comment string, dismiss []store.OpID) (store.FormEvent, error) {
	if err := replica.MayTake(st, cat, step, f.Area); err != nil {
		return store.FormEvent{}, err
	}
	return st.Act(ctx, f, step, comment, dismiss)
}
