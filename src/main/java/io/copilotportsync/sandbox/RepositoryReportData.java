package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated repos-1-day rows, one per repository with pull request activity on a day, in the shape of GitHub's
 * repository-level example schema (day, organization_id, repo_id, repo_owner_name, repo_name, repo_visibility,
 * pull_requests) and of its 2026-09-25 changelog (pull_request_review_times). As real rows do, some lack the review
 * times (older rows), some have an empty array (no qualifying merge), and medians are null or missing on days
 * without merges. An organization has a report on the days its users report has one; the enterprise's rows of a day
 * are every organization's rows with the enterprise id. Seeded, so a test can compute Port's entities from them.
 */
public final class RepositoryReportData {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] REPOSITORIES = {"api", "web", "infra", "docs", "mobile"};
    private static final String[] VISIBILITIES = {"PRIVATE", "INTERNAL", "PUBLIC"};
    private static final String[] COMMENT_TYPES = {"bug_risk", "security", "performance", "documentation"};

    private final Map<String, List<ObjectNode>> rows = new LinkedHashMap<>();
    private final Map<LocalDate, List<ObjectNode>> enterpriseRows = new LinkedHashMap<>();

    /** The rows of every organization and day of the data; the data's users rows must be generated already. */
    RepositoryReportData(long seed, SandboxData data) {
        // a stream of its own, so that adding this report leaves every other generated value as it was
        Random random = new Random(seed ^ 0x7265706f73L);
        for (int o = 0; o < data.organizations().size(); o++) {
            SandboxData.Organization org = data.organizations().get(o);
            for (LocalDate day : data.days()) {
                if (data.userRows(org.login(), day) == null) {
                    continue;
                }
                List<ObjectNode> dayRows = new ArrayList<>();
                int surelyActive = random.nextInt(REPOSITORIES.length);
                for (int r = 0; r < REPOSITORIES.length; r++) {
                    if (r == surelyActive || random.nextDouble() < 0.6) {
                        dayRows.add(row(random, org, o, r, day));
                    }
                }
                rows.put(org.login() + "@" + day, List.copyOf(dayRows));
            }
        }
        if (data.enterprise() != null) {
            for (LocalDate day : data.days()) {
                List<ObjectNode> all = new ArrayList<>();
                for (SandboxData.Organization org : data.organizations()) {
                    for (ObjectNode row : rows.getOrDefault(org.login() + "@" + day, List.of())) {
                        all.add(row.deepCopy().put("enterprise_id", Long.toString(SandboxData.ENTERPRISE_ID)));
                    }
                }
                if (!all.isEmpty()) {
                    enterpriseRows.put(day, List.copyOf(all));
                }
            }
        }
    }

    /** An organization's repos-1-day rows of a day; null when GitHub has no report for it (204). */
    public List<ObjectNode> rows(String org, LocalDate day) {
        return rows.get(org + "@" + day);
    }

    /** The enterprise's repos-1-day rows of a day; null when no organization has a report that day. */
    public List<ObjectNode> enterpriseRows(LocalDate day) {
        return enterpriseRows.get(day);
    }

    private static ObjectNode row(Random r, SandboxData.Organization org, int orgIndex, int repo, LocalDate day) {
        ObjectNode row = F.objectNode();
        row.put("day", day.toString());
        row.put("organization_id", Long.toString(org.id()));
        row.put("repo_id", 900_000_000L + org.id() * 100 + repo);
        row.put("repo_owner_name", org.login());
        row.put("repo_name", REPOSITORIES[repo]);
        row.put("repo_visibility", VISIBILITIES[(orgIndex + repo) % VISIBILITIES.length]);
        int created = r.nextInt(8);
        int merged = r.nextDouble() < 0.35 ? 0 : 1 + r.nextInt(5);
        int reviewed = r.nextInt(8);
        int mergedByCopilot = r.nextInt(merged + 1);
        int mergedReviewedByCopilot = r.nextInt(merged + 1);
        ObjectNode pulls = row.putObject("pull_requests");
        pulls.put("total_reviewed", reviewed).put("total_created", created).put("total_created_by_copilot", r.nextInt(created + 1))
                .put("total_reviewed_by_copilot", r.nextInt(reviewed + 1)).put("total_merged", merged);
        median(r, pulls, "median_minutes_to_merge", merged);
        pulls.put("total_suggestions", r.nextInt(12)).put("total_applied_suggestions", r.nextInt(5))
                .put("total_merged_created_by_copilot", mergedByCopilot);
        median(r, pulls, "median_minutes_to_merge_copilot_authored", mergedByCopilot);
        median(r, pulls, "median_minutes_to_merge_copilot_reviewed", mergedReviewedByCopilot);
        ArrayNode byType = F.arrayNode();
        long suggestions = 0;
        long applied = 0;
        for (String type : COMMENT_TYPES) {
            if (r.nextDouble() < 0.4) {
                int n = 1 + r.nextInt(5);
                int a = r.nextInt(n + 1);
                byType.addObject().put("comment_type", type).put("total_copilot_suggestions", n).put("total_copilot_applied_suggestions", a);
                suggestions += n;
                applied += a;
            }
        }
        pulls.put("total_copilot_suggestions", suggestions).put("total_copilot_applied_suggestions", applied)
                .put("total_merged_reviewed_by_copilot", mergedReviewedByCopilot);
        pulls.set("copilot_suggestions_by_comment_type", byType);
        double reviewTimes = r.nextDouble();
        if (reviewTimes < 0.3) {
            return row;                                                   // a row from before 2026-09-25: no review times
        }
        ArrayNode times = row.putArray("pull_request_review_times");
        if (merged > 0 && reviewTimes < 0.85) {
            boolean singleReview = r.nextDouble() < 0.3;                  // then the first-to-final stage is 0
            double firstReview = 5 + r.nextInt(300) + 0.25;
            double finalReview = singleReview ? 0 : 10 + r.nextInt(900) + 0.5;
            double toMerge = 1 + r.nextInt(120) + 0.75;
            times.addObject().put("authored_by", "human").put("reviewed_by", "human").put("total_merged", 1 + r.nextInt(merged))
                    .put("median_minutes_ready_to_first_review", firstReview).put("p90_minutes_ready_to_first_review", firstReview * 3)
                    .put("median_minutes_first_to_final_review", finalReview).put("p90_minutes_first_to_final_review", finalReview * 2)
                    .put("median_minutes_final_review_to_merge", toMerge).put("p90_minutes_final_review_to_merge", toMerge * 4);
        }
        return row;
    }

    /** A median of some merged pull requests; with none merged, GitHub sends null or leaves the field out. */
    private static void median(Random r, ObjectNode pulls, String field, int merged) {
        if (merged > 0) {
            pulls.put(field, 30 + r.nextInt(600) + 0.5);
        } else if (r.nextBoolean()) {
            pulls.putNull(field);
        }
    }
}
