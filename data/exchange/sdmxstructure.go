package exchange

// This file: the SDMX-ML 3.0 structure message of the SDMX-CSV export: the
// codelists of its coded dimensions, its concepts, the data flow and the
// data structure definition, laid out as the SDMX 3.0 samples are.

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"chiso/data/catalog"
)

// SDMXStructureID is the id of the data structure the SDMX-CSV export's
// data flow uses.
const SDMXStructureID = "DSD_KTXH"

// sdmxName is an item's name in Vietnamese and English.
type sdmxName struct{ vi, en string }

type sdmxCode struct {
	id   string
	name sdmxName
}

// sdmxML writes an SDMX-ML structure message.
type sdmxML struct {
	w               *bufio.Writer
	agency, version string
}

func (m *sdmxML) printf(format string, a ...any) { fmt.Fprintf(m.w, format, a...) }

// esc escapes text for XML.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func (m *sdmxML) names(indent string, n sdmxName) {
	m.printf("%s<com:Name xml:lang=\"vi\">%s</com:Name>\n", indent, esc(n.vi))
	if n.en != "" {
		m.printf("%s<com:Name xml:lang=\"en\">%s</com:Name>\n", indent, esc(n.en))
	}
}

// urn is the URN of an artefact of the agency: class such as
// "codelist.Codelist", id, and an item's id when item is not "".
func (m *sdmxML) urn(class, id, item string) string {
	u := fmt.Sprintf("urn:sdmx:org.sdmx.infomodel.%s=%s:%s(%s)", class, m.agency, id, m.version)
	if item != "" {
		u += "." + item
	}
	return u
}

func (m *sdmxML) codelist(id string, name sdmxName, codes []sdmxCode) {
	m.printf("      <str:Codelist urn=\"%s\" agencyID=\"%s\" id=\"%s\" version=\"%s\">\n", m.urn("codelist.Codelist", id, ""), m.agency, id, m.version)
	m.names("        ", name)
	for _, c := range codes {
		m.printf("        <str:Code urn=\"%s\" id=\"%s\">\n", esc(m.urn("codelist.Code", id, c.id)), esc(c.id))
		m.names("          ", c.name)
		m.printf("        </str:Code>\n")
	}
	m.printf("      </str:Codelist>\n")
}

// sdmxConcepts are the concepts of the data structure, in order:
// dimensions, then the attribute and the measure.
var sdmxConcepts = []sdmxCode{
	{"FREQ", sdmxName{"Tần suất", "Frequency"}},
	{"REF_AREA", sdmxName{"Địa bàn", "Reference area"}},
	{"INDICATOR", sdmxName{"Chỉ tiêu", "Indicator"}},
	{"CATEGORY", sdmxName{"Phân tổ", "Category"}},
	{"TIME_PERIOD", sdmxName{"Kỳ", "Time period"}},
	{"OBS_STATUS", sdmxName{"Trạng thái số liệu", "Observation status"}},
	{"COMMENT", sdmxName{"Ghi chú", "Comment"}},
	{"OBS_VALUE", sdmxName{"Giá trị", "Observation value"}},
}

// WriteSDMXStructure writes the structure of the SDMX-CSV export as an
// SDMX-ML 3.0 structure message: the codelists CL_FREQ, CL_AREA (every
// area of the catalog c, abolished ones too), CL_INDICATOR (its elements),
// CL_CATEGORY (its category options and _Z) and CL_OBS_STATUS (A, E), the concept scheme
// CS_KTXH, the data flow of the options and the data structure
// SDMXStructureID, all of the options' agency and version. prepared is
// the time written in the header.
func WriteSDMXStructure(w io.Writer, c *catalog.Catalog, o SDMXOptions, prepared time.Time) error {
	or := func(s, d string) string {
		if s == "" {
			return d
		}
		return s
	}
	m := &sdmxML{w: bufio.NewWriter(w), agency: or(o.Agency, SDMXAgency), version: or(o.Version, SDMXVersion)}
	flow := or(o.Flow, SDMXFlow)
	m.printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	m.printf("<mes:Structure xmlns:mes=\"http://www.sdmx.org/resources/sdmxml/schemas/v3_0/message\" xmlns:str=\"http://www.sdmx.org/resources/sdmxml/schemas/v3_0/structure\" xmlns:com=\"http://www.sdmx.org/resources/sdmxml/schemas/v3_0/common\">\n")
	m.printf("  <mes:Header>\n    <mes:ID>%s_%s</mes:ID>\n    <mes:Test>false</mes:Test>\n    <mes:Prepared>%s</mes:Prepared>\n    <mes:Sender id=\"%s\"/>\n  </mes:Header>\n",
		SDMXStructureID, prepared.UTC().Format("20060102T150405"), prepared.UTC().Format(time.RFC3339), m.agency)
	m.printf("  <mes:Structures>\n    <str:Codelists>\n")
	m.codelist("CL_FREQ", sdmxName{"Tần suất", "Frequency"}, []sdmxCode{
		{"A", sdmxName{"Hằng năm", "Annual"}}, {"S", sdmxName{"6 tháng", "Half-yearly"}}, {"Q", sdmxName{"Hằng quý", "Quarterly"}},
		{"M", sdmxName{"Hằng tháng", "Monthly"}},
		{SDMXNone, sdmxName{"Không áp dụng (giai đoạn nhiều năm, 9 tháng)", "Not applicable (a range of years, nine months)"}}})
	var codes []sdmxCode
	for _, a := range c.Areas {
		codes = append(codes, sdmxCode{a.Code, sdmxName{a.Name, a.NameEN}})
	}
	m.codelist("CL_AREA", sdmxName{"Địa bàn", "Areas"}, codes)
	codes = codes[:0]
	for _, e := range c.Elements {
		codes = append(codes, sdmxCode{e.Code, sdmxName{e.NameVI, e.NameEN}})
	}
	m.codelist("CL_INDICATOR", sdmxName{"Chỉ tiêu", "Indicators"}, codes)
	codes = []sdmxCode{{SDMXNone, sdmxName{"Không phân tổ", "Not applicable"}}}
	for _, o := range c.Categories {
		codes = append(codes, sdmxCode{o.Code, sdmxName{o.NameVI, o.NameEN}})
	}
	m.codelist("CL_CATEGORY", sdmxName{"Phân tổ", "Categories"}, codes)
	m.codelist("CL_OBS_STATUS", sdmxName{"Trạng thái số liệu", "Observation status"}, []sdmxCode{
		{"A", sdmxName{"Số chính thức", "Normal value"}}, {"E", sdmxName{"Số ước tính (ước thực hiện)", "Estimated value"}}})
	m.printf("    </str:Codelists>\n    <str:ConceptSchemes>\n")
	m.printf("      <str:ConceptScheme urn=\"%s\" agencyID=\"%s\" id=\"CS_KTXH\" version=\"%s\">\n", m.urn("conceptscheme.ConceptScheme", "CS_KTXH", ""), m.agency, m.version)
	m.names("        ", sdmxName{"Khái niệm của số liệu Chỉ Số", "Concepts of the Chỉ Số data"})
	for _, cp := range sdmxConcepts {
		m.printf("        <str:Concept urn=\"%s\" id=\"%s\">\n", m.urn("conceptscheme.Concept", "CS_KTXH", cp.id), cp.id)
		m.names("          ", cp.name)
		m.printf("        </str:Concept>\n")
	}
	m.printf("      </str:ConceptScheme>\n    </str:ConceptSchemes>\n")
	dsd := m.urn("datastructure.DataStructure", SDMXStructureID, "")
	m.printf("    <str:Dataflows>\n      <str:Dataflow urn=\"%s\" agencyID=\"%s\" id=\"%s\" version=\"%s\">\n", m.urn("datastructure.Dataflow", flow, ""), m.agency, flow, m.version)
	m.names("        ", sdmxName{"Chỉ tiêu kinh tế - xã hội cấp xã", "Local socio-economic indicators"})
	m.printf("        <str:Structure>%s</str:Structure>\n      </str:Dataflow>\n    </str:Dataflows>\n", dsd)
	m.printf("    <str:DataStructures>\n      <str:DataStructure urn=\"%s\" agencyID=\"%s\" id=\"%s\" version=\"%s\">\n", dsd, m.agency, SDMXStructureID, m.version)
	m.names("        ", sdmxName{"Chỉ tiêu kinh tế - xã hội cấp xã", "Local socio-economic indicators"})
	m.printf("        <str:DataStructureComponents>\n")
	m.printf("          <str:DimensionList urn=\"%s\" id=\"DimensionDescriptor\">\n", m.urn("datastructure.DimensionDescriptor", SDMXStructureID, "DimensionDescriptor"))
	concept := func(id string) string { return m.urn("conceptscheme.Concept", "CS_KTXH", id) }
	for i, d := range []struct{ id, codelist string }{{"FREQ", "CL_FREQ"}, {"REF_AREA", "CL_AREA"}, {"INDICATOR", "CL_INDICATOR"}, {"CATEGORY", "CL_CATEGORY"}} {
		m.printf("            <str:Dimension urn=\"%s\" id=\"%s\" position=\"%d\">\n", m.urn("datastructure.Dimension", SDMXStructureID, d.id), d.id, i+1)
		m.printf("              <str:ConceptIdentity>%s</str:ConceptIdentity>\n", concept(d.id))
		m.printf("              <str:LocalRepresentation>\n                <str:Enumeration>%s</str:Enumeration>\n              </str:LocalRepresentation>\n", m.urn("codelist.Codelist", d.codelist, ""))
		m.printf("            </str:Dimension>\n")
	}
	m.printf("            <str:TimeDimension urn=\"%s\" id=\"TIME_PERIOD\">\n", m.urn("datastructure.TimeDimension", SDMXStructureID, "TIME_PERIOD"))
	m.printf("              <str:ConceptIdentity>%s</str:ConceptIdentity>\n", concept("TIME_PERIOD"))
	m.printf("              <str:LocalRepresentation>\n                <str:TextFormat textType=\"ObservationalTimePeriod\"/>\n              </str:LocalRepresentation>\n            </str:TimeDimension>\n")
	m.printf("          </str:DimensionList>\n")
	m.printf("          <str:AttributeList urn=\"%s\" id=\"AttributeDescriptor\">\n", m.urn("datastructure.AttributeDescriptor", SDMXStructureID, "AttributeDescriptor"))
	m.printf("            <str:Attribute urn=\"%s\" id=\"OBS_STATUS\" usage=\"optional\">\n", m.urn("datastructure.DataAttribute", SDMXStructureID, "OBS_STATUS"))
	m.printf("              <str:ConceptIdentity>%s</str:ConceptIdentity>\n", concept("OBS_STATUS"))
	m.printf("              <str:LocalRepresentation>\n                <str:Enumeration>%s</str:Enumeration>\n              </str:LocalRepresentation>\n", m.urn("codelist.Codelist", "CL_OBS_STATUS", ""))
	m.printf("              <str:AttributeRelationship>\n                <str:Observation/>\n              </str:AttributeRelationship>\n            </str:Attribute>\n")
	m.printf("            <str:Attribute urn=\"%s\" id=\"COMMENT\" usage=\"optional\">\n", m.urn("datastructure.DataAttribute", SDMXStructureID, "COMMENT"))
	m.printf("              <str:ConceptIdentity>%s</str:ConceptIdentity>\n", concept("COMMENT"))
	m.printf("              <str:LocalRepresentation>\n                <str:TextFormat textType=\"String\"/>\n              </str:LocalRepresentation>\n")
	m.printf("              <str:AttributeRelationship>\n                <str:Observation/>\n              </str:AttributeRelationship>\n            </str:Attribute>\n")
	m.printf("          </str:AttributeList>\n")
	m.printf("          <str:MeasureList urn=\"%s\" id=\"MeasureDescriptor\">\n", m.urn("datastructure.MeasureDescriptor", SDMXStructureID, "MeasureDescriptor"))
	m.printf("            <str:Measure urn=\"%s\" id=\"OBS_VALUE\" usage=\"mandatory\">\n", m.urn("datastructure.Measure", SDMXStructureID, "OBS_VALUE"))
	m.printf("              <str:ConceptIdentity>%s</str:ConceptIdentity>\n", concept("OBS_VALUE"))
	m.printf("              <str:LocalRepresentation>\n                <str:TextFormat textType=\"Decimal\"/>\n              </str:LocalRepresentation>\n            </str:Measure>\n")
	m.printf("          </str:MeasureList>\n        </str:DataStructureComponents>\n      </str:DataStructure>\n    </str:DataStructures>\n")
	m.printf("  </mes:Structures>\n</mes:Structure>\n")
	return m.w.Flush()
}
