// Know-your-rights and family-preparedness text, in habeas' own words, in English and Spanish.
// General information for the public, not legal advice; reviewed against the sources in docs (2025).
import type { Lang } from "../i18n/index.ts";

export type Point = { head: string; text: string; say?: string };
export type Section = { id: string; title: string; intro?: string; points: Point[] };
export type RightsText = {
  title: string;
  lede: string;
  notAdvice: string;
  sections: Section[];
  card: { title: string; intro: string; lines: string[] };
  findTitle: string;
  find: Point[];
  reviewed: string;
};

const EN: RightsText = {
  title: "Know your rights",
  lede: "Everyone in the United States has constitutional rights, whatever their immigration status. Knowing them before you need them helps you stay calm and protect yourself and your family.",
  notAdvice:
    "This is general information, not legal advice. Rules change and every case is different: talk to a lawyer or a trusted legal-aid group about yours.",
  sections: [
    {
      id: "always",
      title: "Anywhere, with any agent",
      points: [
        {
          head: "You may stay silent.",
          text: "The Fifth Amendment lets you refuse to answer questions about where you were born, how you came to the U.S., or your status. Say out loud that you are using this right; silence alone may not be enough. What you say can be used in immigration court.",
          say: "I am using my right to remain silent.",
        },
        {
          head: "Do not sign anything you do not understand.",
          text: "Agents may hand you papers that give up your right to see a judge, such as voluntary departure or a stipulated removal order. Ask to speak to a lawyer before signing anything.",
        },
        {
          head: "Ask for a lawyer.",
          text: "You have the right to a lawyer in immigration court, but the government does not pay for one. Ask for the list of free legal services; officers are supposed to give it to you.",
        },
        {
          head: "Do not lie or show false papers.",
          text: "Staying silent is lawful; lying or showing false documents can hurt you. If an immigration agent asks for immigration papers you are carrying, the law requires noncitizens to show them, and adults with registration papers are required to carry them. Do not carry papers from another country, such as a foreign passport.",
        },
      ],
    },
    {
      id: "door",
      title: "If agents come to your door",
      points: [
        {
          head: "Keep the door closed.",
          text: "You do not have to open the door to talk. Ask who they are and what they want through the closed door or a window.",
        },
        {
          head: "Ask to see a warrant signed by a judge.",
          text: "Only a judicial warrant, signed by a judge or magistrate and naming the person or address, lets agents enter a home without your permission. Ask them to pass it under the door or hold it against a window. The forms ICE signs itself (I-200 and I-205, 'administrative warrants') do not allow them to come in unless you agree.",
        },
        {
          head: "Watch for requests to 'just come in and talk'.",
          text: "Agents may ask to step inside for a moment or to look around. Letting them in is consent. You can say no.",
          say: "I do not consent to your entry. Please leave any papers under the door.",
        },
        {
          head: "If they force their way in, do not resist.",
          text: "Stay calm and say clearly that you do not consent to the entry or to any search, that you will remain silent and that you want a lawyer. Afterwards, write down what happened.",
          say: "I do not consent to this entry or to a search. I will remain silent. I want to speak with a lawyer.",
        },
      ],
    },
    {
      id: "street",
      title: "In the street, at work or in a car",
      points: [
        {
          head: "Ask if you are free to leave.",
          text: "If the answer is yes, walk away calmly. Do not run, argue or touch an officer.",
          say: "Am I free to go?",
        },
        {
          head: "You do not have to consent to a search.",
          text: "Agents may pat down your clothing if they suspect a weapon. Say that you do not consent to any further search, and do not physically resist.",
        },
        {
          head: "Carry the right things.",
          text: "Carry a rights card and your lawyer's phone number. Learn your A-number (if you have one) and the phone numbers of your family by heart: your phone may be taken.",
        },
        {
          head: "Witnesses can help.",
          text: "If you see an arrest, you may usually record it openly from a safe distance without getting in the way. Note the time, place, agency, officers' names or badge numbers, and what was said.",
        },
      ],
    },
    {
      id: "detained",
      title: "If you are detained",
      points: [
        {
          head: "Stay silent and ask for a lawyer.",
          text: "Give your name if asked, then say you will speak only with a lawyer present.",
        },
        {
          head: "Do not sign away your hearing.",
          text: "Papers for voluntary departure or a removal order may be presented as routine. Once signed, you may be removed quickly and lose the chance to ask a judge for protection.",
        },
        {
          head: "Ask to contact your consulate.",
          text: "If you are not a U.S. citizen you can ask the officers to tell your country's consulate that you are detained. For some countries they must tell the consulate anyway.",
        },
        {
          head: "If you are afraid to return to your country, say so.",
          text: "Tell the officers and the judge that you fear going back, and why. This can open the way to asylum or other protection, and there are strict deadlines.",
        },
        {
          head: "Keep a record.",
          text: "Write down the names of officers, the places you are taken and the dates. Ask for copies of anything you sign.",
        },
      ],
    },
    {
      id: "family",
      title: "What family and friends can do",
      points: [
        {
          head: "Find where the person is held.",
          text: "ICE's Online Detainee Locator (locator.ice.gov) searches by A-number and country of birth, or by name, country of birth and date of birth. It is often days behind, so keep checking.",
        },
        {
          head: "Call a lawyer or a rapid-response hotline.",
          text: "Act quickly: people can be transferred to another state within days. A lawyer can file papers (a G-28) that entitle them to be told about transfers.",
        },
        {
          head: "Gather papers.",
          text: "Collect the person's A-number, identity documents, any immigration papers and court documents, and proof of how long they have lived in the U.S. and of family ties.",
        },
        {
          head: "Write down what happened.",
          text: "Date, time and place of the arrest, which agency, names or badge numbers, witnesses, and any photos or video. Keep the originals safe.",
        },
        {
          head: "Children separated from a parent.",
          text: "Parents looking for a child in government custody can call the ORR Parent Hotline at 1-800-203-7001.",
        },
      ],
    },
  ],
  card: {
    title: "A card to show agents",
    intro:
      "Print this, fold it, and keep it with you. You can pass it under the door or hand it over instead of talking.",
    lines: [
      "I am using my right to remain silent under the Fifth Amendment.",
      "I do not consent to your entry into my home unless you show me a warrant signed by a judge with my name or address on it.",
      "I do not consent to any search of me or my belongings.",
      "I will not sign anything without talking to a lawyer.",
      "I want to speak with my lawyer.",
    ],
  },
  findTitle: "Looking for someone?",
  find: [
    {
      head: "Search the locator.",
      text: "locator.ice.gov needs the A-number and country of birth, or the full name, country of birth and date of birth.",
    },
    {
      head: "Tell a legal-aid group.",
      text: "They can check facilities, reach the person, and document the case with consent.",
    },
  ],
  reviewed: "Last reviewed: 2025.",
};

const ES: RightsText = {
  title: "Conozca sus derechos",
  lede: "Toda persona en Estados Unidos tiene derechos constitucionales, sea cual sea su situación migratoria. Conocerlos antes de necesitarlos le ayuda a mantener la calma y a protegerse a usted y a su familia.",
  notAdvice:
    "Esta es información general, no asesoría legal. Las normas cambian y cada caso es distinto: consulte su situación con un abogado o una organización de ayuda legal de confianza.",
  sections: [
    {
      id: "always",
      title: "En cualquier lugar, ante cualquier agente",
      points: [
        {
          head: "Puede quedarse callado.",
          text: "La Quinta Enmienda le permite no contestar preguntas sobre dónde nació, cómo llegó a EE. UU. o su situación migratoria. Diga en voz alta que usa este derecho; quedarse callado sin decirlo puede no bastar. Lo que diga se puede usar en la corte de inmigración.",
          say: "Voy a ejercer mi derecho a guardar silencio.",
        },
        {
          head: "No firme nada que no entienda.",
          text: "Los agentes pueden darle papeles con los que renuncia a ver a un juez, como la salida voluntaria o una orden de deportación estipulada. Pida hablar con un abogado antes de firmar.",
        },
        {
          head: "Pida un abogado.",
          text: "Tiene derecho a un abogado en la corte de inmigración, pero el gobierno no lo paga. Pida la lista de servicios legales gratuitos; los agentes deben entregársela.",
        },
        {
          head: "No mienta ni muestre papeles falsos.",
          text: "Guardar silencio es legal; mentir o mostrar documentos falsos puede perjudicarle. Si un agente de inmigración le pide los papeles migratorios que lleva consigo, la ley obliga a los no ciudadanos a mostrarlos, y los adultos con documentos de registro deben llevarlos. No lleve papeles de otro país, como un pasaporte extranjero.",
        },
      ],
    },
    {
      id: "door",
      title: "Si los agentes llegan a su puerta",
      points: [
        {
          head: "Mantenga la puerta cerrada.",
          text: "No tiene que abrir para hablar. Pregunte quiénes son y qué quieren a través de la puerta cerrada o de una ventana.",
        },
        {
          head: "Pida ver una orden firmada por un juez.",
          text: "Solo una orden judicial, firmada por un juez o magistrado y con el nombre de la persona o la dirección, permite entrar en una casa sin su permiso. Pida que la pasen por debajo de la puerta o la pongan contra la ventana. Los formularios que firma el propio ICE (I-200 e I-205, «órdenes administrativas») no les permiten entrar si usted no está de acuerdo.",
        },
        {
          head: "Cuidado con «solo queremos pasar a hablar».",
          text: "Los agentes pueden pedir entrar un momento o echar un vistazo. Dejarlos pasar es dar su consentimiento. Puede decir que no.",
          say: "No doy permiso para que entren. Dejen los papeles debajo de la puerta, por favor.",
        },
        {
          head: "Si entran a la fuerza, no se resista.",
          text: "Mantenga la calma y diga con claridad que no da permiso para la entrada ni para ningún registro, que va a guardar silencio y que quiere un abogado. Después, anote lo que pasó.",
          say: "No doy permiso para esta entrada ni para un registro. Voy a guardar silencio. Quiero hablar con un abogado.",
        },
      ],
    },
    {
      id: "street",
      title: "En la calle, en el trabajo o en un vehículo",
      points: [
        {
          head: "Pregunte si puede irse.",
          text: "Si le dicen que sí, aléjese con calma. No corra, no discuta y no toque a ningún agente.",
          say: "¿Me puedo ir?",
        },
        {
          head: "No tiene que aceptar un registro.",
          text: "Los agentes pueden palpar su ropa si sospechan que lleva un arma. Diga que no da permiso para ningún otro registro y no se resista físicamente.",
        },
        {
          head: "Lleve lo necesario.",
          text: "Lleve una tarjeta de derechos y el teléfono de su abogado. Apréndase de memoria su número A (si lo tiene) y los teléfonos de su familia: le pueden quitar el celular.",
        },
        {
          head: "Los testigos ayudan.",
          text: "Si ve un arresto, por lo general puede grabarlo abiertamente desde una distancia segura, sin estorbar. Anote la hora, el lugar, la agencia, los nombres o números de placa y lo que se dijo.",
        },
      ],
    },
    {
      id: "detained",
      title: "Si lo detienen",
      points: [
        {
          head: "Guarde silencio y pida un abogado.",
          text: "Dé su nombre si se lo piden y después diga que solo hablará con un abogado presente.",
        },
        {
          head: "No renuncie a su audiencia.",
          text: "Los papeles de salida voluntaria o de orden de deportación pueden presentarse como un trámite. Una vez firmados, pueden deportarlo rápido y perder la oportunidad de pedir protección a un juez.",
        },
        {
          head: "Pida comunicarse con su consulado.",
          text: "Si no es ciudadano estadounidense, puede pedir que avisen al consulado de su país de que está detenido. Para algunos países, las autoridades deben avisar de todos modos.",
        },
        {
          head: "Si tiene miedo de volver a su país, dígalo.",
          text: "Dígales a los agentes y al juez que teme regresar y por qué. Esto puede abrir el camino al asilo u otra protección, y los plazos son estrictos.",
        },
        {
          head: "Lleve un registro.",
          text: "Anote los nombres de los agentes, los lugares adonde lo llevan y las fechas. Pida copia de todo lo que firme.",
        },
      ],
    },
    {
      id: "family",
      title: "Lo que pueden hacer la familia y los amigos",
      points: [
        {
          head: "Averigüe dónde está detenida la persona.",
          text: "El localizador de detenidos de ICE (locator.ice.gov) busca por número A y país de nacimiento, o por nombre, país y fecha de nacimiento. Suele ir con días de retraso: siga buscando.",
        },
        {
          head: "Llame a un abogado o a una línea de respuesta rápida.",
          text: "Actúe pronto: pueden trasladar a la persona a otro estado en pocos días. Un abogado puede presentar el formulario G-28, que le da derecho a que le avisen de los traslados.",
        },
        {
          head: "Reúna los papeles.",
          text: "Junte el número A de la persona, sus documentos de identidad, papeles migratorios y judiciales, y pruebas del tiempo que lleva en EE. UU. y de sus lazos familiares.",
        },
        {
          head: "Anote lo que pasó.",
          text: "Fecha, hora y lugar del arresto, qué agencia, nombres o números de placa, testigos, y fotos o videos. Guarde los originales en un lugar seguro.",
        },
        {
          head: "Niños separados de sus padres.",
          text: "Los padres que buscan a un hijo bajo custodia del gobierno pueden llamar a la línea para padres de la ORR: 1-800-203-7001.",
        },
      ],
    },
  ],
  card: {
    title: "Una tarjeta para mostrar a los agentes",
    intro:
      "Imprímala, dóblela y llévela consigo. Puede pasarla por debajo de la puerta o entregarla en lugar de hablar.",
    lines: [
      "Ejerzo mi derecho a guardar silencio según la Quinta Enmienda.",
      "No doy permiso para que entren en mi casa a menos que me muestren una orden firmada por un juez con mi nombre o mi dirección.",
      "No doy permiso para que me registren a mí ni a mis pertenencias.",
      "No firmaré nada sin hablar con un abogado.",
      "Quiero hablar con mi abogado.",
    ],
  },
  findTitle: "¿Busca a alguien?",
  find: [
    {
      head: "Use el localizador.",
      text: "locator.ice.gov pide el número A y el país de nacimiento, o el nombre completo, el país y la fecha de nacimiento.",
    },
    {
      head: "Avise a una organización de ayuda legal.",
      text: "Pueden revisar los centros de detención, comunicarse con la persona y documentar el caso con su consentimiento.",
    },
  ],
  reviewed: "Última revisión: 2025.",
};

export const RIGHTS: Record<Lang, RightsText> = { en: EN, es: ES };

export type PlanItem = { id: string; label: string; hint?: string; kind: "check" | "text" | "area" };
export type PlanSection = { id: string; title: string; items: PlanItem[] };
export type PlanText = {
  title: string;
  lede: string;
  privacy: string;
  noScript: string;
  sections: PlanSection[];
  stateNote: string;
};

const PLAN_EN: PlanText = {
  title: "Family preparedness plan",
  lede: "Make a plan now, so that if someone in your family is detained, the people you trust know what to do. Fill in what applies, tick what you have done, and print it.",
  privacy:
    "What you type here stays in this browser, on this device. habeas never receives it. On a shared or borrowed device, use “Clear everything” when you are done.",
  noScript:
    "Saving on this device needs JavaScript, which is off. You can still fill in the page and print it; nothing is sent anywhere.",
  sections: [
    {
      id: "people",
      title: "People to call",
      items: [
        { id: "contact1", label: "Emergency contact (name and phone)", kind: "text" },
        { id: "contact2", label: "Second emergency contact (name and phone)", kind: "text" },
        { id: "lawyer", label: "Lawyer or legal-aid group (name and phone)", kind: "text" },
        { id: "hotline", label: "Local rapid-response hotline", kind: "text" },
        { id: "memorized", label: "Everyone in the family knows these numbers by heart", kind: "check" },
      ],
    },
    {
      id: "children",
      title: "Children",
      items: [
        { id: "caregiver", label: "Who will care for the children (name and phone)", kind: "text" },
        { id: "caregiver-agreed", label: "That person has agreed and knows the plan", kind: "check" },
        {
          id: "school",
          label: "The school and day care list that person as an emergency contact and authorized pick-up",
          kind: "check",
        },
        {
          id: "caregiver-papers",
          label: "A signed caregiver authorization or power of attorney for the children",
          hint: "Which paper works depends on the state: some have a caregiver's affidavit, others a parental power of attorney or a court guardianship. Ask a lawyer.",
          kind: "check",
        },
        {
          id: "kids-number",
          label: "The children know the caregiver's phone number by heart",
          kind: "check",
        },
        {
          id: "passports",
          label: "Passports for U.S.-born children, if the family may need to travel",
          kind: "check",
        },
        {
          id: "health",
          label: "Medical information for each child (doctor, medicines, allergies)",
          kind: "area",
        },
      ],
    },
    {
      id: "papers",
      title: "Papers in one safe place",
      items: [
        { id: "where", label: "Where the papers are kept, and who else knows", kind: "text" },
        { id: "ids", label: "Identity documents, birth and marriage certificates", kind: "check" },
        {
          id: "immigration",
          label: "Immigration papers: A-number, receipts, notices, the name of any past lawyer",
          kind: "check",
        },
        { id: "criminal", label: "Papers from any criminal case, including how it ended", kind: "check" },
        {
          id: "presence",
          label: "Proof of time in the U.S. (leases, pay stubs, school records)",
          kind: "check",
        },
        { id: "anumber", label: "My A-number (if I have one)", kind: "text" },
      ],
    },
    {
      id: "money",
      title: "Money and home",
      items: [
        {
          id: "poa",
          label: "A trusted person can handle the bank account, rent and bills (power of attorney)",
          kind: "check",
        },
        { id: "paycheck", label: "Someone can collect the last paycheck", kind: "check" },
        { id: "notes", label: "Other instructions", kind: "area" },
      ],
    },
  ],
  stateNote:
    "Papers for the care of children differ from state to state. A lawyer or legal-aid group can tell you which ones work where you live.",
};

const PLAN_ES: PlanText = {
  title: "Plan de preparación familiar",
  lede: "Haga un plan ahora para que, si detienen a alguien de su familia, las personas de confianza sepan qué hacer. Llene lo que corresponda, marque lo que ya hizo e imprímalo.",
  privacy:
    "Lo que escriba aquí se queda en este navegador, en este dispositivo. habeas nunca lo recibe. En un dispositivo compartido o prestado, use «Borrar todo» al terminar.",
  noScript:
    "Guardar en este dispositivo necesita JavaScript, que está desactivado. Aun así puede llenar la página e imprimirla; no se envía nada a ningún sitio.",
  sections: [
    {
      id: "people",
      title: "A quién llamar",
      items: [
        { id: "contact1", label: "Contacto de emergencia (nombre y teléfono)", kind: "text" },
        { id: "contact2", label: "Segundo contacto de emergencia (nombre y teléfono)", kind: "text" },
        { id: "lawyer", label: "Abogado u organización de ayuda legal (nombre y teléfono)", kind: "text" },
        { id: "hotline", label: "Línea local de respuesta rápida", kind: "text" },
        { id: "memorized", label: "Toda la familia se sabe estos números de memoria", kind: "check" },
      ],
    },
    {
      id: "children",
      title: "Hijos",
      items: [
        { id: "caregiver", label: "Quién cuidará a los niños (nombre y teléfono)", kind: "text" },
        { id: "caregiver-agreed", label: "Esa persona aceptó y conoce el plan", kind: "check" },
        {
          id: "school",
          label:
            "La escuela y la guardería la tienen como contacto de emergencia y autorizada para recogerlos",
          kind: "check",
        },
        {
          id: "caregiver-papers",
          label: "Una autorización firmada para el cuidador o un poder notarial para los niños",
          hint: "El documento adecuado depende del estado: algunos tienen una declaración jurada del cuidador, otros un poder notarial de los padres o una tutela judicial. Consulte a un abogado.",
          kind: "check",
        },
        { id: "kids-number", label: "Los niños se saben de memoria el teléfono del cuidador", kind: "check" },
        {
          id: "passports",
          label: "Pasaportes para los hijos nacidos en EE. UU., si la familia podría tener que viajar",
          kind: "check",
        },
        {
          id: "health",
          label: "Información médica de cada niño (médico, medicinas, alergias)",
          kind: "area",
        },
      ],
    },
    {
      id: "papers",
      title: "Papeles en un lugar seguro",
      items: [
        { id: "where", label: "Dónde están los papeles y quién más lo sabe", kind: "text" },
        { id: "ids", label: "Documentos de identidad, actas de nacimiento y de matrimonio", kind: "check" },
        {
          id: "immigration",
          label: "Papeles migratorios: número A, recibos, avisos, el nombre de algún abogado anterior",
          kind: "check",
        },
        { id: "criminal", label: "Papeles de cualquier caso penal, incluido cómo terminó", kind: "check" },
        {
          id: "presence",
          label:
            "Pruebas del tiempo en EE. UU. (contratos de alquiler, talones de pago, constancias escolares)",
          kind: "check",
        },
        { id: "anumber", label: "Mi número A (si lo tengo)", kind: "text" },
      ],
    },
    {
      id: "money",
      title: "Dinero y vivienda",
      items: [
        {
          id: "poa",
          label:
            "Una persona de confianza puede manejar la cuenta del banco, la renta y las cuentas (poder notarial)",
          kind: "check",
        },
        { id: "paycheck", label: "Alguien puede cobrar el último cheque de pago", kind: "check" },
        { id: "notes", label: "Otras instrucciones", kind: "area" },
      ],
    },
  ],
  stateNote:
    "Los documentos para el cuidado de los hijos cambian de un estado a otro. Un abogado o una organización de ayuda legal puede decirle cuáles sirven donde usted vive.",
};

export const PLAN: Record<Lang, PlanText> = { en: PLAN_EN, es: PLAN_ES };
