package io.liqopt.serving.api;

import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import io.liqopt.core.position.PositionBook;
import io.liqopt.serving.book.BookViews;
import io.liqopt.serving.book.LiveBook;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The position book: positions written and removed by id (bearer token), each one's health now, and
 * the book by health-factor bucket with its liquidation cliff. Bodies are checked by {@link
 * BookRequests}.
 */
final class BookRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(BookRoutes.class);

  /** A position id: 1 to 128 letters, digits and {@code . _ - : @}. */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

  private final Service service;

  BookRoutes(Service service) {
    this.service = service;
  }

  @OpenApi(
      path = "/v1/book/positions/{id}",
      methods = HttpMethod.PUT,
      tags = "book",
      summary =
          "Create or replace a position of the book (bearer token): multi-collateral, debt in the"
              + " quote currency, at a version above the one held (else 409); durable before the"
              + " answer",
      headers =
          @OpenApiParam(name = "Authorization", required = true, example = "Bearer <LIQOPT_TOKEN>"),
      security = @OpenApiSecurity(name = "bearer"),
      pathParams = @OpenApiParam(name = "id", required = true, example = "loan-42"),
      requestBody =
          @OpenApiRequestBody(
              required = true,
              content = @OpenApiContent(from = BookRequests.PutRequest.class)),
      responses = {
        @OpenApiResponse(
            status = "200",
            content = @OpenApiContent(from = BookRequests.PutResponse.class)),
        @OpenApiResponse(
            status = "400",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "401",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "403",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "404",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "409",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "413",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "503",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE))
      })
  void put(Context ctx) {
    service.authorize(ctx.header("Authorization"));
    LiveBook book = service.book();
    String id = id(ctx);
    service.gated(
        Gates.Route.INGEST,
        ctx,
        admission -> {
          long max = Math.min(BookRequests.MAX_BODY_BYTES, service.limits().maxBodyBytes());
          BookRequests.Put p =
              BookRequests.put(JsonBodies.read(ctx, BookRequests.PutRequest.class, max), book);
          admission.compute();
          BookViews.Written w;
          try {
            w = book.put(id, p.version(), p.symbols(), p.quantities(), p.debtQuote());
          } catch (IllegalStateException e) {
            throw ApiException.conflict("book-full", "The book is full", e.getMessage());
          } catch (IOException e) {
            throw notDurable(e);
          }
          if (w.write() == PositionBook.Write.STALE_VERSION) {
            throw ApiException.conflict(
                "stale-version",
                "Stale version",
                "the book holds version "
                    + w.version()
                    + " of "
                    + id
                    + "; a PUT must carry a higher version, was "
                    + p.version());
          }
          ApiRoutes.json(
              ctx,
              new BookRequests.PutResponse(
                  id, w.write().name(), w.version(), w.healthFactor(), w.liquidatable()));
        });
  }

  @OpenApi(
      path = "/v1/book/positions/{id}",
      methods = HttpMethod.DELETE,
      tags = "book",
      summary = "Remove a position from the book (bearer token); durable before the answer",
      headers =
          @OpenApiParam(name = "Authorization", required = true, example = "Bearer <LIQOPT_TOKEN>"),
      security = @OpenApiSecurity(name = "bearer"),
      pathParams = @OpenApiParam(name = "id", required = true, example = "loan-42"),
      responses = {
        @OpenApiResponse(
            status = "200",
            content = @OpenApiContent(from = BookRequests.DeleteResponse.class)),
        @OpenApiResponse(
            status = "400",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "401",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "403",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "404",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "503",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE))
      })
  void delete(Context ctx) {
    service.authorize(ctx.header("Authorization"));
    LiveBook book = service.book();
    String id = id(ctx);
    service.gated(
        Gates.Route.INGEST,
        ctx,
        admission -> {
          admission.compute();
          long removed;
          try {
            removed = book.remove(id);
          } catch (IOException e) {
            throw notDurable(e);
          }
          if (removed < 0) {
            throw ApiException.notFound("the book holds no position " + id);
          }
          ApiRoutes.json(ctx, new BookRequests.DeleteResponse(id, removed, true));
        });
  }

  @OpenApi(
      path = "/v1/book/positions/{id}",
      methods = HttpMethod.GET,
      tags = "book",
      summary =
          "A position of the book now: its health factor at the live prices and served thresholds,"
              + " liquidatable or not, collateral value, debt, version",
      pathParams = @OpenApiParam(name = "id", required = true, example = "loan-42"),
      responses = {
        @OpenApiResponse(
            status = "200",
            content = @OpenApiContent(from = BookRequests.PositionOut.class)),
        @OpenApiResponse(
            status = "400",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "404",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE))
      })
  void get(Context ctx) {
    LiveBook book = service.book();
    String id = id(ctx);
    BookViews.View v = book.position(id);
    if (v == null) {
      throw ApiException.notFound("the book holds no position " + id);
    }
    List<BookRequests.HoldingOut> holdings = new ArrayList<>();
    for (BookViews.Holding h : v.collateral()) {
      holdings.add(
          new BookRequests.HoldingOut(h.symbol(), h.quantity(), h.priceQuote(), finite(h.lt())));
    }
    ApiRoutes.json(
        ctx,
        new BookRequests.PositionOut(
            v.id(),
            v.version(),
            v.healthFactor(),
            v.liquidatable(),
            v.collateralQuote(),
            v.debtQuote(),
            holdings));
  }

  @OpenApi(
      path = "/v1/book",
      methods = HttpMethod.GET,
      tags = "book",
      summary =
          "The book at a glance: debt and collateral by health-factor bucket, and the liquidation"
              + " cliff (the debt a further uniform fall of all collateral prices by 1 %, 5 %, 10 %"
              + " makes liquidatable: HF·(1 − s) < 1)",
      responses = {
        @OpenApiResponse(
            status = "200",
            content = @OpenApiContent(from = BookRequests.BookResponse.class)),
        @OpenApiResponse(
            status = "404",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE))
      })
  void summary(Context ctx) {
    LiveBook book = service.book();
    ApiRoutes.json(ctx, BookRequests.BookResponse.of(book));
  }

  /** The path's id, checked. */
  private static String id(Context ctx) {
    String id = ctx.pathParam("id");
    if (!ID.matcher(id).matches()) {
      throw ApiException.invalid(
          "id", "must be 1 to 128 letters, digits, '.', '_', '-', ':' or '@'");
    }
    return id;
  }

  /** A 503 for a write the log could not make durable (the path stays in the server's log). */
  private static ApiException notDurable(IOException e) {
    LOG.error("position book write failed: {}", e.getMessage());
    return ApiException.unavailable(
        "the write could not be made durable and was not applied; try again");
  }

  static Double finite(double x) {
    return Double.isFinite(x) ? x : null;
  }

  /** The unknown symbols among {@code symbols}, in first-seen order. */
  static List<String> unknown(List<String> symbols, LiveBook book) {
    Set<String> out = new LinkedHashSet<>();
    for (String s : symbols) {
      if (!book.holds(s)) {
        out.add(s);
      }
    }
    return new ArrayList<>(out);
  }
}
