package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The generated seats and billing of an organization, from {@link SandboxData}'s members and random source. */
final class SeatData {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SeatData() {
    }

    /** An organization's seat list, one seat per member, in GitHub's shape with the fields it leaves out for some. */
    static List<ObjectNode> seats(Random r, int orgIndex, SandboxData.Organization org, LocalDate lastDay) {
        List<ObjectNode> list = new ArrayList<>();
        for (int m = 0; m < org.members().size(); m++) {
            SandboxData.Member member = org.members().get(m);
            ObjectNode seat = F.objectNode();
            seat.put("created_at", lastDay.minusDays(300 - orgIndex * 10L - m) + "T09:00:00Z");
            seat.put("updated_at", lastDay.minusDays(30) + "T09:00:00Z");
            if (m % 7 == 5) {
                seat.put("pending_cancellation_date", lastDay.plusDays(11 + orgIndex).toString());
            } else {
                seat.putNull("pending_cancellation_date");
            }
            String activity;
            if (m == 0) {
                activity = lastDay + "T12:00:00Z";                               // octocat: the same everywhere, a tie
            } else if (m == 1) {
                activity = orgIndex == 0 ? null : lastDay.minusDays(orgIndex) + "T10:00:00Z"; // hubot: never in the first org
            } else if (m == 2) {
                activity = lastDay + "T0" + orgIndex + ":30:00-06:00";           // monalisa: later in each next org
            } else {
                activity = r.nextDouble() < 0.15 ? null : lastDay.minusDays(r.nextInt(40)) + "T" + (10 + r.nextInt(10)) + ":00:00Z";
            }
            if (activity == null) {
                seat.putNull("last_activity_at");
                seat.putNull("last_activity_editor");
            } else {
                seat.put("last_activity_at", activity);
                seat.put("last_activity_editor", SandboxData.IDES[(m + orgIndex) % SandboxData.IDES.length] + "/1.9" + (m % 10) + ".0/copilot/1.2" + m + ".0");
            }
            if (m % 5 != 4) {                                                   // GitHub leaves it out for some seats
                seat.put("last_authenticated_at", activity == null ? lastDay.minusDays(90) + "T08:00:00Z" : activity);
            }
            seat.put("plan_type", "business");
            ObjectNode assignee = seat.putObject("assignee");
            assignee.put("login", member.login()).put("id", member.id()).put("node_id", "MDQ6VXNlcj" + member.id())
                    .put("avatar_url", "https://avatars.githubusercontent.com/u/" + member.id()).put("gravatar_id", "")
                    .put("url", "https://api.github.com/users/" + member.login()).put("html_url", "https://github.com/" + member.login())
                    .put("type", "User").put("site_admin", false);
            SandboxData.Team grant = org.teams().stream().filter(t -> t.members().contains(member)).findFirst().orElse(null);
            if (grant == null || m % 4 == 3) {
                seat.putNull("assigning_team");
            } else {
                seat.putObject("assigning_team").put("id", grant.id()).put("node_id", "MDQ6VGVhbT" + grant.id())
                        .put("name", grant.name()).put("slug", grant.slug()).put("description", (String) null)
                        .put("privacy", "closed").put("notification_setting", "notifications_enabled")
                        .put("permission", "pull").putNull("parent");
            }
            list.add(seat);
        }
        return List.copyOf(list);
    }

    /** An organization's Copilot billing summary. */
    static ObjectNode billing(Random r, int orgIndex, SandboxData.Organization org, List<ObjectNode> lastDayRows) {
        int total = org.members().size();
        int active = lastDayRows == null ? 0 : lastDayRows.size();
        ObjectNode b = F.objectNode();
        b.putObject("seat_breakdown").put("total", total).put("added_this_cycle", r.nextInt(total + 1))
                .put("pending_invitation", 0).put("pending_cancellation", orgIndex == 1 ? 1 : 0)
                .put("active_this_cycle", active).put("inactive_this_cycle", total - active);
        b.put("seat_management_setting", "assign_selected");
        b.put("ide_chat", "enabled");
        b.put("platform_chat", orgIndex == 1 ? "disabled" : "enabled");
        if (orgIndex != 1) {
            b.put("cli", "enabled");                                              // missing in one organization
        }
        b.put("public_code_suggestions", "block");
        b.put("plan_type", "business");
        return b;
    }
}
