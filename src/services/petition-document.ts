// The petition draft as an editable Word document: the same sections as the HTML preview, with the draft
// mark in every page's header and footer. Loaded only when a document is made (docx holds ~14 MB).
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from "docx";
import { DRAFT_MARK, exhibitRef, type PetitionDraft } from "./petition.ts";

const FONT = "Times New Roman";

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text, font: FONT, size: o.size ?? 24, bold: o.bold, italics: o.italics });

/** Renders a draft to a DOCX file's bytes. */
export async function petitionDocx(d: PetitionDraft): Promise<Buffer> {
  const body: Paragraph[] = [];
  const centered = (text: string, bold = false) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [run(text, { bold })],
    });
  body.push(centered(DRAFT_MARK, true));
  body.push(centered(d.caption.court.toUpperCase(), true));
  if (d.division) body.push(centered(d.division));
  body.push(new Paragraph({ children: [run(d.caption.petitioner, { bold: true })] }));
  body.push(
    new Paragraph({ indent: { left: 720 }, spacing: { after: 120 }, children: [run("Petitioner,")] }),
  );
  body.push(new Paragraph({ indent: { left: 360 }, spacing: { after: 120 }, children: [run("v.")] }));
  for (const r of d.caption.respondents) body.push(new Paragraph({ children: [run(`${r};`)] }));
  body.push(
    new Paragraph({ indent: { left: 720 }, spacing: { after: 240 }, children: [run("Respondents.")] }),
  );
  body.push(new Paragraph({ spacing: { after: 240 }, children: [run("Case No. ____________")] }));
  body.push(
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [
        run("PETITION FOR A WRIT OF HABEAS CORPUS UNDER 28 U.S.C. § 2241", { bold: true, size: 28 }),
      ],
    }),
  );
  let n = 0;
  for (const s of d.sections) {
    body.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        spacing: { before: 240, after: 120 },
        children: [run(s.heading.toUpperCase(), { bold: true })],
      }),
    );
    s.paragraphs.forEach((p, i) => {
      const label = s.numbered ? `${++n}. ` : `${String.fromCharCode(97 + (i % 26))}. `;
      body.push(
        new Paragraph({
          spacing: { after: 120, line: 360 },
          children: [run(label), run(`${p.text}${exhibitRef(p.exhibits)}`)],
        }),
      );
    });
  }
  body.push(
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      spacing: { before: 240, after: 120 },
      children: [run("EXHIBITS", { bold: true })],
    }),
  );
  if (!d.exhibits.length) body.push(new Paragraph({ children: [run("[No sources on record.]")] }));
  for (const x of d.exhibits)
    body.push(
      new Paragraph({
        spacing: { after: 80 },
        children: [run(`Ex. ${x.n}: ${x.label}${x.url ? `, ${x.url}` : ""}`)],
      }),
    );

  const doc = new Document({
    creator: "habeas",
    title: `Draft habeas petition: ${d.petitioner}`,
    description: DRAFT_MARK,
    sections: [
      {
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [run(DRAFT_MARK, { bold: true, size: 20 })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `${DRAFT_MARK} · page `, font: FONT, size: 18 }),
                  new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 18 }),
                ],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
