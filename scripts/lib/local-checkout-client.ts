/**
 * Pays a local test checkout the way a person does: opens the page the booking answered with and
 * presses its Approve button (the page then delivers the signed webhook). For the demo seed and
 * the benchmark; the local payments adapter only, never a real provider.
 */
const APPROVE_FORM =
  /<form method="post" action="([^"]+\/approve)">\s*<input type="hidden" name="token" value="([^"]+)">/;

export async function approveLocalCheckout(checkoutUrl: string, headers: Record<string, string> = {}): Promise<void> {
  const pageResponse = await fetch(checkoutUrl, { headers });
  const page = await pageResponse.text();
  const form = APPROVE_FORM.exec(page);
  if (!pageResponse.ok || !form) throw new Error(`the checkout page ${checkoutUrl} has no Approve form`);
  const response = await fetch(new URL(form[1]!, checkoutUrl), {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: form[2]! }).toString(),
  });
  if (response.status !== 200) {
    const html = await response.text();
    throw new Error(
      `Approve on ${checkoutUrl} answered ${response.status}: ${/<h1>(.*?)<\/h1>/.exec(html)?.[1] ?? html}`,
    );
  }
}
