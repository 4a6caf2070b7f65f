/** The submitted form, or a 400 when the body is not a form at all (wrong content type, broken multipart). */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("The request body is not a form.", { status: 400 });
  }
}
