package replica

import (
	"fmt"
	"slices"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/store"
)

// mayApprove reports whether the office of c may approve, return and
// reopen the reports of area: an office approves the areas below its own
// certified areas, never its own (a commune cannot approve its own report;
// a district approves its communes; the province every area below it).
func (c Cert) mayApprove(area string, parent map[string]string) bool {
	for a, n := parent[area], 0; a != "" && n < 64; a, n = parent[a], n+1 {
		if slices.Contains(c.Areas, a) {
			return true
		}
	}
	return false
}

// mayTake reports whether the office of c may take a step of the reporting
// cycle for area: a submission is a write of the area's values, the other
// steps are the approver's. A refusal says why.
func (c Cert) mayTake(step store.Action, area string, parent map[string]string) error {
	if step == store.Submit {
		if c.inScope(area, parent) {
			return nil
		}
		return msg.New(fmt.Sprintf("%s không được phép gửi báo cáo của địa bàn %s", c.Office, area),
			fmt.Sprintf("%s may not send the reports of area %s", c.Office, area))
	}
	if c.mayApprove(area, parent) {
		return nil
	}
	return msg.New(fmt.Sprintf("%s không được phép duyệt, trả lại hay mở lại báo cáo của địa bàn %s (chỉ đơn vị cấp trên của địa bàn)", c.Office, area),
		fmt.Sprintf("%s may not approve, return or reopen the reports of area %s (only an office above the area may)", c.Office, area))
}

// MayTake tells whether this database's office may take a step of the
// reporting cycle for area, given the catalog: nil, or the reason it may
// not. Before sync is set up every step is allowed (a database on its own).
func MayTake(st *store.Store, c *catalog.Catalog, step store.Action, area string) error {
	id, err := LoadIdentity(st)
	if err != nil {
		return nil
	}
	return id.Cert.mayTake(step, area, parentsOf(c))
}

// parentsOf maps each area code of the catalog to its parent's code.
func parentsOf(c *catalog.Catalog) map[string]string {
	out := make(map[string]string, len(c.Areas))
	for _, a := range c.Areas {
		out[a.Code] = a.Parent
	}
	return out
}
