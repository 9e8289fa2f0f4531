package io.copilotportsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * The state the team and seat routes keep across one job's files and pages (a {@link TeamDay} or a {@link SeatChoice}
 * in an exchange property), as a bean the routes call.
 */
public final class Joins {
    private static final String TEAM_DAY = "teamDay";
    private static final String SEATS = "seatChoice";

    public void beginTeamDay(Exchange exchange) {
        String idField = "enterprise".equals(exchange.getProperty("scopeType")) ? "enterprise_id" : "organization_id";
        exchange.setProperty(TEAM_DAY, new TeamDay(exchange.getProperty(JobPlanner.DAY, String.class), idField));
    }

    public void membership(Exchange exchange) {
        teamDay(exchange).addMembership(exchange.getMessage().getBody(JsonNode.class));
    }

    public void usage(Exchange exchange) {
        teamDay(exchange).addUsage(exchange.getMessage().getBody(JsonNode.class));
    }

    public List<ObjectNode> teamRecords(Exchange exchange) {
        return teamDay(exchange).records();
    }

    public void beginSeats(Exchange exchange) {
        exchange.setProperty(SEATS, new SeatChoice());
    }

    public void offerSeat(Exchange exchange) {
        exchange.getProperty(SEATS, SeatChoice.class).offer(exchange.getMessage().getBody(JsonNode.class));
    }

    public List<ObjectNode> chosenSeats(Exchange exchange) {
        List<ObjectNode> seats = new ArrayList<>();
        for (JsonNode seat : exchange.getProperty(SEATS, SeatChoice.class).seats()) {
            seats.add(((ObjectNode) seat).deepCopy());
        }
        return seats;
    }

    private static TeamDay teamDay(Exchange exchange) {
        return exchange.getProperty(TEAM_DAY, TeamDay.class);
    }
}
