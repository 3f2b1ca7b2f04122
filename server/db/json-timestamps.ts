// Rows built with json_build_object carry timestamps as ISO text; the views hand out Dates, as for Prisma's rows.
export const jsonDate = (text: string) => new Date(text);
export const jsonDateOrNull = (text: string | null) => (text === null ? null : new Date(text));
