/** OpenAPI descriptions of the LanguageTool-compatible routes, in LanguageTool's own field names. */

export const checkParameters = {
  type: "object",
  properties: {
    text: { type: "string", description: "The text to check (this or data is required)." },
    data: {
      type: "string",
      description:
        'Annotated text as JSON, e.g. {"annotation":[{"text":"Il "},{"markup":"<b>"},{"text":"mange"},{"markup":"</b>"}]}. ' +
        "Markup is skipped (or replaced by its interpretAs); offsets refer to the whole text, markup included.",
    },
    language: { type: "string", description: "fr, fr-FR or auto (French is the only language checked)." },
    enabledRules: { type: "string", description: "Comma-separated rule ids." },
    disabledRules: { type: "string", description: "Comma-separated rule ids whose matches are dropped." },
    enabledCategories: { type: "string", description: "Comma-separated category ids." },
    disabledCategories: { type: "string", description: "Comma-separated category ids whose matches are dropped." },
    enabledOnly: { type: "string", enum: ["true", "false"], description: "true: only matches of enabledRules/enabledCategories." },
    level: { type: "string", enum: ["default", "picky"], description: "picky adds style and typography checks." },
    motherTongue: { type: "string", description: "Accepted for compatibility; not used." },
  },
} as const;

const matchSchema = {
  type: "object",
  properties: {
    message: { type: "string" },
    shortMessage: { type: "string" },
    replacements: { type: "array", items: { type: "object", properties: { value: { type: "string" } } } },
    offset: { type: "integer", description: "UTF-16 code units from the start of the text (markup included)." },
    length: { type: "integer" },
    context: {
      type: "object",
      properties: { text: { type: "string" }, offset: { type: "integer" }, length: { type: "integer" } },
    },
    sentence: { type: "string" },
    type: { type: "object", properties: { typeName: { type: "string" } } },
    rule: {
      type: "object",
      properties: {
        id: { type: "string" },
        description: { type: "string" },
        issueType: { type: "string" },
        category: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } },
      },
    },
    ignoreForIncompleteSentence: { type: "boolean" },
    contextForSureMatch: { type: "integer" },
  },
} as const;

export const checkResponse = {
  200: {
    description: "LanguageTool's check result",
    type: "object",
    properties: {
      software: {
        type: "object",
        properties: {
          name: { type: "string" },
          version: { type: "string" },
          buildDate: { type: "string" },
          apiVersion: { type: "integer" },
          premium: { type: "boolean" },
          status: { type: "string" },
        },
      },
      warnings: { type: "object", properties: { incompleteResults: { type: "boolean" } } },
      language: {
        type: "object",
        properties: {
          name: { type: "string" },
          code: { type: "string" },
          detectedLanguage: {
            type: "object",
            properties: { name: { type: "string" }, code: { type: "string" }, confidence: { type: "number" } },
          },
        },
      },
      matches: { type: "array", items: matchSchema },
      sentenceRanges: { type: "array", items: { type: "array", items: { type: "integer" } } },
    },
  },
} as const;

export const languagesResponse = {
  200: {
    type: "array",
    items: {
      type: "object",
      properties: { name: { type: "string" }, code: { type: "string" }, longCode: { type: "string" } },
    },
  },
} as const;
